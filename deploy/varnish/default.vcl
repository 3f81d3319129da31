# The HTTP cache in front of the application (Varnish 7 + varnish-modules xkey).
#
# What it caches: only responses the application tagged with an `xkey` header (published pages
# for anonymous visitors and the public approval notices). Everything else passes through.
# How it stays fresh: the application purges surrogate keys (PURGE with an `xkey-purge` header,
# from loopback or the networks in `purgers`) from a Celery task; see docs/pagecache.md.
# How it stays up: objects are kept for GRACE after their TTL; while the application is sick
# (health probe) they are served stale, and anything not cached gets a Chinese 503 page.
#
# The backends (one or several application nodes) are defined in backends.vcl, next to this
# file or on the include path (`varnishd -p vcl_path=...`); see deploy/varnish/backends.vcl.
vcl 4.1;

import std;
import directors;
import xkey;

include "backends.vcl";

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Soft purge: the object is expired but kept for grace, so a purged page can still be
        # served while the application is down; while it is up, grace is 0 (below): never stale.
        set req.http.n-gone = xkey.softpurge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);  # forms (applications, captcha answers), the admin
    }
    if (req.url ~ "^/(admin|ysqgk|captcha|api|search|django-admin)(/|$|\?)") {
        return (pass);
    }
    # Editors (a session) and visitors with pending messages always get fresh pages, exactly
    # as the application's own page cache. A CSRF cookie (the visitor opened a form) changes
    # no cached page: a response that used a CSRF token is never tagged, so never kept here.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies (analytics) do not change a public page: drop them so it can be cached.
    unset req.http.Cookie;

    # While the application answers, a purged or expired object is never served; while it
    # is sick, anything up to the object's grace is.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_pass {
    set req.http.X-Edge-Pass = "1";
}

sub vcl_hash {
    # Pages differ by host (one cluster, many sites) and full URL.
    hash_data(req.url);
    hash_data(req.http.host);
    return (lookup);
}

sub vcl_backend_response {
    if (!beresp.http.xkey || beresp.http.Set-Cookie || bereq.uncacheable) {
        # Untagged responses are not ours to keep: remember that for 2 minutes (hit-for-miss).
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The TTL comes from the application's Cache-Control s-maxage (never past local midnight);
    # keep objects a day longer so they can be served while the application is down.
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_deliver {
    if (req.http.X-Edge-Pass) {
        set resp.http.X-Edge-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "hit";
    } else {
        set resp.http.X-Edge-Cache = "miss";
    }
    # The keys are for the cache only; browsers must not cache what a purge would change.
    unset resp.http.xkey;
    if (resp.http.Cache-Control ~ "s-maxage") {
        set resp.http.Cache-Control = "no-cache";
    }
}

sub vcl_backend_error {
    # The application is unreachable and nothing usable is cached: a maintenance page in
    # Chinese rather than Varnish's English "Guru Meditation".
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "60";
    set beresp.http.Cache-Control = "no-store";
    if (bereq.url ~ "^/ysqgk") {
        set beresp.http.X-Maintenance-Topic = "ysqgk";
    }
    synthetic({"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>系统维护中</title>
<style>body{font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.7;color:#222}h1{font-size:1.4rem;color:#a40000}</style>
</head><body><main>
<h1>系统维护中，请稍后再试</h1>
<p>网站正在维护，已发布的页面仍可浏览。在线提交（含政府信息公开申请、进度查询）暂时无法办理，您填写的内容未被提交，请稍后重新提交。</p>
<p>如需紧急办理，请通过信函或到现场提交政府信息公开申请。</p>
</main></body></html>
"});
    set beresp.status = 503;
    return (deliver);
}
