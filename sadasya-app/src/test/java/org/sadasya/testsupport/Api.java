package org.sadasya.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** A small HTTP client for the API tests: JSON calls, multipart uploads, bearer tokens. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;
    private String language;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** The bearer token this client sends (null when anonymous). */
    public String token() {
        return token;
    }

    public Api as(String accessToken) {
        return copy(accessToken, language);
    }

    public Api inLanguage(String lang) {
        return copy(token, lang);
    }

    private Api copy(String t, String lang) {
        Api a = new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
        a.token = t;
        a.language = lang;
        return a;
    }

    /** Logs in and returns a client that sends the token. */
    public Api login(String username, String password) {
        Response r = post("/api/v1/auth/token", "{\"username\": %s, \"password\": %s}".formatted(q(username), q(password)));
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + r);
        }
        return as(r.json().get("accessToken").asText());
    }

    public Response get(String path) {
        return send(builder(path).GET().build());
    }

    /** A GET whose body is kept as bytes (images), with the caching header. */
    public Bytes bytes(String path) {
        try {
            HttpResponse<byte[]> r = http.send(builder(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Cache-Control").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Bytes(int status, byte[] body, String contentType, String cacheControl) {}

    public Response post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response multipart(String path, List<Part> parts) {
        String boundary = "sadasya-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Part p : parts) {
                body.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
                String disposition = "Content-Disposition: form-data; name=\"" + p.name() + "\""
                        + (p.filename() == null ? "" : "; filename=\"" + p.filename() + "\"") + "\r\n";
                body.write(disposition.getBytes(StandardCharsets.UTF_8));
                body.write(("Content-Type: " + p.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(p.bytes());
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(builder(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    /** A POST with a body as given, for requests the other methods would not build (malformed uploads). */
    public Response raw(String path, String contentType, byte[] body) {
        return send(builder(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** The parts of an enrolment: photo, data and optional burst frames. */
    public static List<Part> enrolment(byte[] photo, String data, byte[]... burst) {
        List<Part> parts = new ArrayList<>();
        parts.add(Part.file("photo", "selfie.jpg", photo));
        for (int i = 0; i < burst.length; i++) {
            parts.add(Part.file("burst", "frame" + i + ".jpg", burst[i]));
        }
        parts.add(Part.json("data", data));
        return parts;
    }

    /** Polls GET path until the predicate holds on the JSON. */
    public Response await(String path, Predicate<JsonNode> done, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        Response last = null;
        while (System.nanoTime() < end) {
            last = get(path);
            if (last.status() == 200 && done.test(last.json())) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("timed out waiting on " + path + "; last answer: " + last);
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String q(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Part(String name, String filename, String contentType, byte[] bytes) {
        public static Part file(String name, String filename, byte[] bytes) {
            return new Part(name, filename, "image/jpeg", bytes);
        }

        public static Part json(String name, String json) {
            return new Part(name, null, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    public record Response(int status, String body, String contentType, String location) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public long id() {
            return json().get("id").asLong();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
