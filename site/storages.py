"""Storage for files that must never have a public address (applicants' papers, replies)."""

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """A FileSystemStorage outside MEDIA_ROOT without URLs: a template that asks for one fails
    loudly instead of printing an address the web server might serve."""

    def url(self, name):
        raise ValueError("私有文件没有公开地址，只能通过校验权限的视图下载。")
