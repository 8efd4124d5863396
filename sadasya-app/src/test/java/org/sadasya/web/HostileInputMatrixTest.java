package org.sadasya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sadasya.face.image.TestImages;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.Api.Part;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.Submissions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hostile and broken input over HTTP, as a phone (or someone posing as one) could send it. Every case
 * names the answer it must get — status and problem code, or 202 for input that is odd but valid —
 * and after each one the test checks that a refused upload left no enrolment row and no image file,
 * that no answer carries a stack trace, and at the end that the service is still healthy and decides
 * what it accepted.
 */
class HostileInputMatrixTest extends AppServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger SEQ = new AtomicInteger();
    /** A 1 × 1 lossless WebP (RIFF container, VP8L). */
    static final byte[] WEBP_1X1 = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    @Autowired
    JdbcClient jdbc;
    @Value("${sadasya.data-dir}")
    Path dataDir;

    record Case(String name, int status, String code, Function<World, Api.Response> send) {}

    record World(Hierarchy here, Hierarchy elsewhere, String acceptedId) {}

    static String data(World w, Consumer<ObjectNode> change) {
        try {
            int n = SEQ.incrementAndGet();
            ObjectNode d = (ObjectNode) JSON.readTree(Submissions.data(UUID.randomUUID().toString(), w.here().boothId(),
                    "HST%07d".formatted(n), "9%09d".formatted(700000000 + n)));
            change.accept(d);
            return JSON.writeValueAsString(d);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode member(ObjectNode d) {
        return (ObjectNode) d.get("member");
    }

    static Api.Response enrol(World w, byte[] photo, String data) {
        return w.here().worker().multipart("/api/v1/enrollments", Api.enrolment(photo, data));
    }

    static Api.Response photo(World w, byte[] photo) {
        return enrol(w, photo, data(w, d -> {}));
    }

    static Api.Response withData(World w, Consumer<ObjectNode> change) {
        return enrol(w, Submissions.fakeJpeg(SEQ.incrementAndGet()), data(w, change));
    }

    static Api.Response dataPart(World w, String raw) {
        return enrol(w, Submissions.fakeJpeg(SEQ.incrementAndGet()), raw);
    }

    static Case refused(String name, int status, String code, Function<World, Api.Response> send) {
        return new Case(name, status, code, send);
    }

    static Case accepted(String name, Function<World, Api.Response> send) {
        return new Case(name, 202, null, send);
    }

    static byte[] image(int width, int height, int type, String format) {
        return TestImages.encode(TestImages.filled(width, height, type, 0x8a6f5c), format);
    }

    /** A real JPEG whose frame header claims other dimensions. */
    static byte[] jpegClaiming(int width, int height) {
        byte[] jpeg = Submissions.fakeJpeg(1).clone();
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && ((jpeg[i + 1] & 0xFF) == 0xC0 || (jpeg[i + 1] & 0xFF) == 0xC2)) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no frame header");
    }

    static List<Case> cases() {
        byte[] jpeg = Submissions.fakeJpeg(1);
        byte[] absurdExif = new TestImages.Exif().orientation(99).dateTimeOriginal("9999:99:99 99:99:99")
                .offsetTimeOriginal("+99:99").make("\u202Eevil").gps(1000, -5000).build();
        List<Case> c = new ArrayList<>();
        // images
        c.add(refused("zero-byte photo", 422, "IMAGE_EMPTY", w -> photo(w, new byte[0])));
        c.add(refused("truncated JPEG", 422, "IMAGE_UNREADABLE", w -> photo(w, Arrays.copyOf(jpeg, jpeg.length / 2))));
        // bytes of no known format are "unreadable"; a known format the engine does not take is "unsupported"
        c.add(refused("a text file", 422, "IMAGE_UNREADABLE", w -> photo(w, "hello, this is not a photo".getBytes())));
        c.add(refused("GIF", 422, "IMAGE_FORMAT_UNSUPPORTED", w -> photo(w, image(640, 480, BufferedImage.TYPE_INT_RGB, "gif"))));
        c.add(refused("BMP", 422, "IMAGE_FORMAT_UNSUPPORTED", w -> photo(w, image(640, 480, BufferedImage.TYPE_INT_RGB, "bmp"))));
        c.add(refused("TIFF", 422, "IMAGE_FORMAT_UNSUPPORTED", w -> photo(w, image(640, 480, BufferedImage.TYPE_INT_RGB, "tiff"))));
        c.add(refused("WebP of 1 × 1 pixel", 422, "IMAGE_TOO_SMALL", w -> photo(w, WEBP_1X1)));
        c.add(refused("PNG of 16 × 16", 422, "IMAGE_TOO_SMALL", w -> photo(w, image(16, 16, BufferedImage.TYPE_INT_RGB, "png"))));
        c.add(refused("PNG claiming 20000 × 20000 (decompression bomb)", 413, "IMAGE_TOO_LARGE",
                w -> photo(w, TestImages.png(20000, 20000, 8, 2, TestImages.zlib(new byte[64])))));
        c.add(refused("JPEG claiming 60000 × 60000", 413, "IMAGE_TOO_LARGE", w -> photo(w, jpegClaiming(60000, 60000))));
        c.add(refused("photo of 10.2 MB (over the photo limit)", 413, "IMAGE_TOO_LARGE",
                w -> photo(w, TestImages.concat(jpeg, new byte[10_200_000]))));
        c.add(refused("a 100 MB part (over the upload limit)", 413, "IMAGE_TOO_LARGE", w -> hugeUpload(w, 100 * 1024 * 1024)));
        c.add(accepted("PNG with a zTXt chunk inflating to 1 GiB", w -> photo(w, TestImages.pngWithTextBomb(1024))));
        c.add(accepted("16-bit grey PNG", w -> photo(w, image(640, 480, BufferedImage.TYPE_USHORT_GRAY, "png"))));
        c.add(accepted("CMYK JPEG", w -> photo(w, TestImages.adobeCmykJpeg(640, 480))));
        c.add(accepted("JPEG with absurd EXIF (orientation 99, month 99, latitude 1000°)",
                w -> photo(w, TestImages.withJpegExif(jpeg, absurdExif))));
        // the multipart request
        c.add(refused("multipart without any part", 422, "FIELD_INVALID",
                w -> w.here().worker().raw("/api/v1/enrollments", "multipart/form-data; boundary=b", "--b--\r\n".getBytes())));
        c.add(refused("multipart cut off in a part", 400, "MULTIPART_INVALID", w -> w.here().worker().raw("/api/v1/enrollments",
                "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\nabc".getBytes())));
        c.add(refused("JSON instead of multipart", 415, "UNSUPPORTED_MEDIA_TYPE",
                w -> w.here().worker().post("/api/v1/enrollments", data(w, d -> {}))));
        c.add(refused("60 burst parts", 413, "TOO_MANY_PARTS", w -> {
            List<Part> parts = new ArrayList<>(Api.enrolment(jpeg, data(w, d -> {})));
            for (int i = 0; i < 58; i++) {
                parts.add(Part.file("burst", "f" + i + ".jpg", jpeg));
            }
            return w.here().worker().multipart("/api/v1/enrollments", parts);
        }));
        c.add(refused("13 burst frames (over 12)", 422, "FIELD_INVALID", w -> w.here().worker().multipart("/api/v1/enrollments",
                Api.enrolment(jpeg, data(w, d -> {}), Stream.generate(() -> jpeg).limit(13).toArray(byte[][]::new)))));
        c.add(refused("no data part", 422, "FIELD_INVALID", w -> w.here().worker().multipart("/api/v1/enrollments",
                List.of(Part.file("photo", "p.jpg", jpeg)))));
        c.add(refused("no photo part", 422, "FIELD_INVALID", w -> w.here().worker().multipart("/api/v1/enrollments",
                List.of(Part.json("data", data(w, d -> {}))))));
        // the data part
        c.add(refused("data is not JSON", 422, "FIELD_INVALID", w -> dataPart(w, "{not json")));
        c.add(refused("data is a JSON array", 422, "FIELD_INVALID", w -> dataPart(w, "[1, 2]")));
        c.add(refused("age as text", 422, "FIELD_INVALID", w -> withData(w, d -> member(d).put("age", "thirty"))));
        c.add(refused("boothId as text", 422, "FIELD_INVALID", w -> withData(w, d -> d.put("boothId", "one"))));
        c.add(refused("member missing", 422, "FIELD_INVALID", w -> withData(w, d -> d.remove("member"))));
        c.add(refused("submissionId missing", 422, "FIELD_INVALID", w -> withData(w, d -> d.remove("submissionId"))));
        c.add(refused("submissionId not a UUID", 422, "FIELD_INVALID", w -> withData(w, d -> d.put("submissionId", "12345"))));
        c.add(refused("submissionId with SQL", 422, "FIELD_INVALID",
                w -> withData(w, d -> d.put("submissionId", "' OR 1=1; DROP TABLE enrollment; --"))));
        c.add(refused("latitude 91", 422, "FIELD_INVALID", w -> withData(w, d -> d.put("latitude", 91))));
        c.add(refused("longitude -181", 422, "FIELD_INVALID", w -> withData(w, d -> d.put("longitude", -181))));
        c.add(refused("latitude NaN as text", 422, "FIELD_INVALID", w -> withData(w, d -> d.put("latitude", "NaN"))));
        c.add(refused("negative accuracy", 422, "FIELD_INVALID", w -> withData(w, d -> d.put("accuracyMeters", -5))));
        c.add(refused("capturedAt not a time", 422, "FIELD_INVALID", w -> withData(w, d -> d.put("capturedAt", "yesterday"))));
        c.add(refused("locatedAt not a time", 422, "FIELD_INVALID", w -> withData(w, d -> d.put("locatedAt", "just now"))));
        c.add(refused("no consent", 422, "FIELD_INVALID", w -> withData(w, d -> d.put("consent", false))));
        c.add(refused("name of 100 kB", 422, "FIELD_INVALID", w -> withData(w, d -> member(d).put("name", "a".repeat(100_000)))));
        c.add(refused("mobile of 100 kB", 422, "FIELD_INVALID", w -> withData(w, d -> member(d).put("mobile", "9".repeat(100_000)))));
        c.add(refused("name of zero-width spaces only", 422, "FIELD_INVALID",
                w -> withData(w, d -> member(d).put("name", "\u200B\u200B\u200B"))));
        c.add(refused("name with a right-to-left override", 422, "FIELD_INVALID",
                w -> withData(w, d -> member(d).put("name", "Sunita \u202Eived"))));
        c.add(refused("name with a NUL character", 422, "FIELD_INVALID", w -> withData(w, d -> member(d).put("name", "Sun\u0000ita"))));
        c.add(refused("EPIC with Devanagari digits", 422, "FIELD_INVALID",
                w -> withData(w, d -> member(d).put("epic", "ABC१२३४५६७"))));
        c.add(refused("age 17", 422, "FIELD_INVALID", w -> withData(w, d -> member(d).put("age", 17))));
        c.add(refused("age 10^12", 422, "FIELD_INVALID", w -> withData(w, d -> member(d).put("age", 1_000_000_000_000L))));
        c.add(refused("a booth that does not exist", 422, "FIELD_INVALID", w -> withData(w, d -> d.put("boothId", 987_654_321))));
        c.add(refused("another state's booth", 403, "BOOTH_OUT_OF_SCOPE",
                w -> withData(w, d -> d.put("boothId", w.elsewhere().boothId()))));
        c.add(accepted("name with SQL", w -> withData(w, d -> member(d).put("name", "Robert'); DROP TABLE enrollment; --"))));
        c.add(accepted("name with a script tag", w -> withData(w, d -> member(d).put("name", "<script>alert(1)</script> Devi"))));
        c.add(accepted("Devanagari name with a zero-width joiner", w -> withData(w, d -> member(d).put("name", "क्\u200Dष देवी"))));
        c.add(accepted("mixed-script name", w -> withData(w, d -> member(d).put("name", "Sunita देवी"))));
        // tokens and identifiers
        c.add(refused("another worker's enrolment", 404, "NOT_FOUND",
                w -> w.elsewhere().worker().get("/api/v1/enrollments/" + w.acceptedId())));
        c.add(refused("an invalid UUID in the path", 404, "NOT_FOUND", w -> w.here().worker().get("/api/v1/enrollments/not-a-uuid")));
        c.add(refused("a made-up token", 401, "UNAUTHENTICATED", w -> w.here().worker().as("made-up").get("/api/v1/me")));
        // over Tomcat's 8 KB header limit: refused before Spring, still as problem+json
        c.add(refused("a token of 10 kB", 400, "REQUEST_UNREADABLE", w -> w.here().worker().as("x".repeat(10_000)).get("/api/v1/me")));
        return c;
    }

    /**
     * Sends a photo part of {@code bytes} over a plain socket and reads the answer while sending:
     * the server answers 413 once the part passes the upload limit and then stops reading (Tomcat
     * swallows at most 2 MB more), so an HTTP client that insists on sending everything only sees a
     * broken pipe.
     */
    static Api.Response hugeUpload(World w, long bytes) {
        int port = Integer.parseInt(w.here().worker().base().substring(w.here().worker().base().lastIndexOf(':') + 1));
        String head = "--b\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n";
        String tail = "\r\n--b--\r\n";
        long length = head.length() + bytes + tail.length();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/enrollments HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + w.here().worker().token()
                    + "\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " + length + "\r\n\r\n" + head)
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            var in = socket.getInputStream();
            try {
                for (long sent = 0; sent < bytes && in.available() == 0; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException closed) {
                // the server stopped reading: its answer is already on the way
            }
            String answer = org.sadasya.testsupport.RawHttp.readAnswer(in);
            int status = Integer.parseInt(answer.substring(9, 12));
            int start = answer.indexOf('{', answer.indexOf("\r\n\r\n"));
            return new Api.Response(status, start < 0 ? "" : answer.substring(start, answer.lastIndexOf('}') + 1),
                    "application/problem+json", null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }


    long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM enrollment").query(Long.class).single();
    }

    long imageFiles() throws IOException {
        Path images = dataDir.resolve("images");
        if (!Files.exists(images)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(images)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void everyHostileInput_getsItsPreciseAnswer_leavesNothingHalfStored_andTheServiceStaysHealthy() throws Exception {
        Hierarchy here = hierarchy();
        Hierarchy elsewhere = hierarchy();
        String acceptedId = UUID.randomUUID().toString();
        World world0 = new World(here, elsewhere, acceptedId);
        Api.Response first = enrol(world0, Submissions.fakeJpeg(0), data(world0, d -> d.put("submissionId", acceptedId)));
        assertThat(first.status()).as(first.toString()).isEqualTo(202);

        List<Case> cases = cases();
        List<String> wrong = new ArrayList<>();
        List<String> acceptedIds = new ArrayList<>();
        for (Case k : cases) {
            long rowsBefore = rows();
            long filesBefore = imageFiles();
            Api.Response r = k.send().apply(world0);
            String code = r.body() != null && r.body().startsWith("{") ? r.json().path("code").asText(null) : null;
            if (r.status() != k.status() || (k.code() != null && !k.code().equals(code))) {
                wrong.add("%s: expected %d %s, got %d %s".formatted(k.name(), k.status(), k.code(), r.status(), r.body() == null ? ""
                        : r.body().substring(0, Math.min(200, r.body().length()))));
            }
            if (r.body() != null && (r.body().contains("Exception") || r.body().contains("\tat ") || r.body().contains("org.sadasya"))) {
                wrong.add(k.name() + ": the answer shows internals: " + r.body());
            }
            if (k.status() >= 400) {
                if (rows() != rowsBefore || imageFiles() != filesBefore) {
                    wrong.add("%s: refused, but rows %d → %d, image files %d → %d".formatted(k.name(), rowsBefore, rows(),
                            filesBefore, imageFiles()));
                }
            } else if (r.status() == 202) {
                acceptedIds.add(r.json().get("submissionId").asText());
            }
        }
        assertThat(wrong).as("answers that differ from the matrix (%d cases)", cases.size()).isEmpty();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);

        assertThat(anonymous.get("/actuator/health").body()).contains("\"UP\"");
        // what was accepted is decided, the metadata bomb included: no verifier hangs on it
        for (String id : acceptedIds) {
            Api.Response decided = admin.await("/api/v1/enrollments/" + id,
                    j -> !List.of("RECEIVED", "PROCESSING").contains(j.get("status").asText()), Duration.ofSeconds(60));
            assertThat(decided.json().get("status").asText()).as(id).isIn("ACCEPTED", "REJECTED", "REVIEW");
        }
    }
}
