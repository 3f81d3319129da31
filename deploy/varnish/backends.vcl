# The application nodes behind the cache: one `backend` each, added to the round-robin
# director `app` that default.vcl uses. `make stack` writes its own copy under var/stack/.
# The probe marks a node sick within about 3 s of it going down (a stopped node refuses the
# connection at once); while every node is sick the cache serves what it has (grace) and a
# maintenance page for the rest. A node that is only busy answers its probe late, behind the
# requests queued before it: the timeout leaves it 5 s, so load alone does not take it out.

probe app_health {
    .url = "/healthz";
    .interval = 1s;
    .timeout = 5s;
    .window = 3;
    .threshold = 2;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = app_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
}
