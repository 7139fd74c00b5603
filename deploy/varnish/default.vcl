vcl 4.1;
# EGF page cache in front of the app servers (gunicorn), for anonymous readers.
#
# Django decides what may be shared (core/cache_headers.py and core/cache_purge.py): a page for everyone says
# "Cache-Control: public, max-age=…, s-maxage=…"; everything else says private. This VCL stores
# only such public responses, never one that sets a cookie, and never looks anything up for a
# request that carries one of Django's cookies (a signed-in reader, a form's CSRF cookie, a
# pending message). Wagtail purges on publish: PURGE <path> drops that page (every query-string
# variant: filters, page numbers), BAN <path> drops the path and everything below it (BAN / is
# everything: menu changes). Both are accepted only from the app servers (acl purgers).
#
# deploy/varnish/run.sh renders the block between BEGIN and END BACKENDS from its environment
# (VARNISH_BACKENDS, VARNISH_PURGE_ACL, VARNISH_PROBE_HOST, VARNISH_PROBE_INTERVAL); the block
# below is what it renders with no environment, so this file compiles as it is.

import std;
import directors;

# BEGIN BACKENDS
probe healthz {
    .request =
        "GET /healthz/serve/ HTTP/1.1"
        "Host: localhost"
        "X-Forwarded-Proto: https"
        "User-Agent: varnish-probe"
        "Connection: close";
    .interval = 5s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = healthz;
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 35s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
}
# END BACKENDS

sub vcl_recv {
    set req.backend_hint = app.backend();

    # Purging: only an app server, talking to Varnish directly. A request that came through
    # another proxy (a second address in X-Forwarded-For, which varnishd has just appended
    # client.ip to) is refused even if that proxy runs on an allowed address.
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers || req.http.X-Forwarded-For ~ ",") {
            return (synth(403, "Forbidden"));
        }
        # Page paths only (Wagtail slugs, percent-encoded): nothing a ban expression could misread.
        if (req.url !~ "^/[A-Za-z0-9/%._~-]*(\?.*)?$") {
            return (synth(400, "Bad path"));
        }
        if (req.method == "PURGE") {
            ban("obj.http.x-url-path == " + regsub(req.url, "\?.*$", ""));
            return (synth(200, "Purged"));
        }
        ban("obj.http.x-url-path ~ ^" + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Banned"));
    }

    if (req.method == "PRI") {
        return (synth(405));
    }
    # A form of ordinary size is kept while it is sent, so that it can go to the other app server
    # when the first one gives no answer (vcl_backend_error); larger bodies (uploads in the admin)
    # are streamed and not sent again.
    if (req.method == "POST" && std.integer(req.http.Content-Length, 1048577) <= 1048576) {
        std.cache_req_body(1MB);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);  # forms (POST) and everything else always reach Django
    }

    # Campaign parameters change nothing on a page; without them all readers share one copy.
    if (req.url ~ "[?&](utm_[a-z]+|gclid|fbclid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|gclid|fbclid|mc_cid|mc_eid)=[^&]*", "\1");
        set req.url = regsuball(req.url, "([?&])&+", "\1");
        set req.url = regsub(req.url, "[?&]+$", "");
    }

    # Never from the cache: the admins, accounts (sign-up, login, the member's page), search
    # and its suggestions. Django marks them private as well; this saves a lookup.
    if (req.url ~ "^/admin(/|$)"
        || req.url ~ "^/[a-z]{2}(-[a-z]+)?/(accounts|search)(/|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }

    # Django's own cookies mean Django must see the request: sessionid (signed in, or a session
    # of any kind), csrftoken (a form was shown), messages (one is waiting to be shown),
    # django_language. Every other cookie (analytics) is dropped, so it cannot split the cache.
    if (req.http.Cookie) {
        if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages|django_language)=") {
            return (pass);
        }
        unset req.http.Cookie;
    }

    # A stale copy is served for up to 10 s while a fresh one is fetched; while every app server
    # is down, for as long as the object's grace lasts (vcl_backend_response).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_hash {
    # http and https copies apart: Django may build absolute links from the scheme.
    hash_data(req.http.X-Forwarded-Proto);
    # (the built-in vcl_hash then adds the URL and the Host)
}

sub vcl_backend_error {
    # No answer from the app server: it refused the connection (restarting), dropped it (killed)
    # or timed out, and the probe has not noticed yet. Tried again, twice at most: the director
    # picks the next server for each try. An answer the app did give (its own 503 while the
    # database is down) is never retried.
    if (bereq.retries < 2) {
        return (retry);
    }
}

sub vcl_backend_response {
    # What PURGE and BAN match on (the path without its query string); removed on delivery.
    set beresp.http.x-url-path = regsub(bereq.url, "\?.*$", "");

    if (bereq.uncacheable) {
        return (deliver);  # a pass: nothing is stored
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(^|,)\s*public"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Vary == "*") {
        # Not stored. Remembered for 2 minutes as "fetch this one" (hit-for-miss), so readers
        # are not queued behind each other; a later public answer replaces it at once.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # beresp.ttl comes from s-maxage. Kept 6 h beyond it, served only while the app is down.
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.x-url-path;
    # What runs behind the site is nobody's business.
    unset resp.http.Server;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
