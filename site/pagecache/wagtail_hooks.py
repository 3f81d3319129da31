from wagtail import hooks

PAGE_ATTRIBUTE = "_pagecache_page"


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """Mark the request as serving a Wagtail page: only such responses are cached."""
    setattr(request, PAGE_ATTRIBUTE, page)
