package org.sadasya.enrollment;

import org.sadasya.common.LogFields;
import org.slf4j.MDC;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.sadasya.audit.AuditLog;
import org.sadasya.common.Hashes;
import org.sadasya.common.Times;
import org.sadasya.enrollment.EnrollmentData.FieldError;
import org.sadasya.face.image.ImageErrorCode;
import org.sadasya.face.image.ImageIntake;
import org.sadasya.face.image.ImageLimits;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.org.OrgLevel;
import org.sadasya.org.OrgUnit;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Intake: checks the format of a submission, stores it durably (encrypted images forced to disk,
 * then one transaction with the row, its images, the verification job and the audit entry) and
 * only then answers 202. The same submission id with the same content answers exactly as the first
 * time; with different content, 409 SUBMISSION_CONFLICT.
 */
public final class SubmitEnrollment {

    private static final Logger log = LoggerFactory.getLogger(SubmitEnrollment.class);

    /** Header checks with the engine's default limits (dimensions, pixels); bytes are limited above. */
    private static final ImageIntake HEADERS = new ImageIntake(ImageLimits.DEFAULT);

    private final OrgUnitRepository orgUnits;
    private final EnrollmentRepository enrollments;
    private final ImageStore images;
    private final VerificationQueue jobs;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final Limits limits;
    private final Counter received;
    private final Counter replayed;

    public SubmitEnrollment(OrgUnitRepository orgUnits, EnrollmentRepository enrollments, ImageStore images,
            VerificationQueue jobs, AuditLog audit, TransactionTemplate tx, ObjectMapper json, Clock clock, Limits limits,
            MeterRegistry meters) {
        this.orgUnits = orgUnits;
        this.enrollments = enrollments;
        this.images = images;
        this.jobs = jobs;
        this.audit = audit;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.limits = limits;
        this.received = Counter.builder("sadasya.enrollments.received").description("durably stored submissions")
                .register(meters);
        this.replayed = Counter.builder("sadasya.enrollments.replayed").description("resubmissions answered from the store")
                .register(meters);
    }

    /** @param maxPhotoBytes per image; @param maxBurstFrames extra frames accepted */
    public record Limits(int maxPhotoBytes, int maxBurstFrames) {}

    /** The answer to send: status code and JSON body (stored, so that a replay answers the same). */
    public record Answer(int status, String body, String submissionId) {}

    public Answer submit(Actor worker, String dataJson, byte[] photo, List<byte[]> burst) {
        if (worker.role() != Role.WORKER) {
            throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "problem.WORKER_ONLY", Map.of());
        }
        EnrollmentData data = checkedData(dataJson);
        // the enrolment's id in every log line of its intake, and in none after it
        try (MDC.MDCCloseable logged = MDC.putCloseable(LogFields.SUBMISSION_ID, data.submissionId())) {
            return store(worker, data, photo, burst);
        }
    }

    private Answer store(Actor worker, EnrollmentData data, byte[] photo, List<byte[]> burst) {
        checkImage("photo", photo);
        List<byte[]> frames = burst == null ? List.of() : burst;
        if (frames.size() > limits.maxBurstFrames()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "FIELD_INVALID", "field.burst",
                    Map.of("field", "burst", "maxBurstFrames", limits.maxBurstFrames(),
                            "errors", List.of(Map.of("field", "burst", "code", "field.burst"))),
                    limits.maxBurstFrames());
        }
        if (data.challenge() != null && data.challenge().frameTimesMs().size() != frames.size()) {
            throw ApiException.fieldInvalid("challenge.frameTimesMs", "field.frameTimesCount");
        }
        for (int i = 0; i < frames.size(); i++) {
            checkImage("burst[" + i + "]", frames.get(i));
        }
        String content = contentHash(worker, data, photo, frames);

        Optional<Answer> earlier = replay(data.submissionId(), content);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        OrgUnit booth = orgUnits.find(data.boothId()).filter(u -> u.level() == OrgLevel.BOOTH)
                .orElseThrow(() -> ApiException.fieldInvalid("boothId", "field.booth"));
        if (!worker.covers(booth)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "BOOTH_OUT_OF_SCOPE", null, Map.of("boothId", booth.id()));
        }

        String photoKey = images.put(photo);
        List<String> frameKeys = new ArrayList<>();
        for (byte[] f : frames) {
            frameKeys.add(images.put(f));
        }
        String body = answerBody(data.submissionId(), EnrollmentStatus.RECEIVED);
        OffsetDateTime now = Times.now(clock);
        try {
            tx.executeWithoutResult(s -> {
                long id = enrollments.insert(data.submissionId(), content, worker.userId(), booth.id(), booth.path(),
                        write(data), 202, body, now);
                enrollments.addImage(id, "PHOTO", 0, photoKey, Hashes.sha256Hex(photo), photo.length);
                for (int i = 0; i < frames.size(); i++) {
                    enrollments.addImage(id, "BURST", i, frameKeys.get(i), Hashes.sha256Hex(frames.get(i)),
                            frames.get(i).length);
                }
                jobs.enqueue(id);
                audit.record(worker.auditName(), "ENROLLMENT_RECEIVED", "enrollment", data.submissionId(),
                        Map.of("boothId", booth.id(), "burstFrames", frames.size()));
            });
        } catch (DuplicateKeyException race) {
            // Another request with this submission id committed first: answer as it would be answered now.
            images.delete(photoKey);
            frameKeys.forEach(images::delete);
            return replay(data.submissionId(), content).orElseThrow(() -> race);
        } catch (RuntimeException e) {
            images.delete(photoKey);
            frameKeys.forEach(images::delete);
            throw e;
        }
        received.increment();
        log.info("enrolment {} received from worker {} at booth {}", data.submissionId(), worker.userId(), booth.id());
        return new Answer(202, body, data.submissionId());
    }

    private Optional<Answer> replay(String submissionId, String content) {
        return enrollments.findBySubmissionId(submissionId).map(existing -> {
            if (!existing.contentSha256().equals(content)) {
                throw new ApiException(HttpStatus.CONFLICT, "SUBMISSION_CONFLICT", null,
                        Map.of("submissionId", submissionId));
            }
            replayed.increment();
            return new Answer(existing.responseStatus(), existing.responseBody(), submissionId);
        });
    }

    private EnrollmentData checkedData(String dataJson) {
        if (dataJson == null || dataJson.isBlank()) {
            throw ApiException.fieldInvalid("data", "field.required");
        }
        EnrollmentData raw;
        try {
            raw = json.readValue(dataJson, EnrollmentData.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw ApiException.fieldInvalid(field.isEmpty() ? "data" : field, "field.type");
        } catch (JsonProcessingException e) {
            throw ApiException.fieldInvalid("data", "field.json");
        }
        if (raw == null) {
            throw ApiException.fieldInvalid("data", "field.required");
        }
        EnrollmentData.Checked checked = raw.validate();
        if (!checked.ok()) {
            FieldError first = checked.errors().get(0);
            List<Map<String, String>> all = checked.errors().stream()
                    .map(e -> Map.of("field", e.field(), "code", e.messageKey())).toList();
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("field", first.field());
            props.put("errors", all);
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "FIELD_INVALID", first.messageKey(), props,
                    first.field());
        }
        return checked.data();
    }

    /**
     * Checks before storing, from the bytes and the header only (no pixel is decoded here: the face
     * engine decodes fully during verification): empty, too many bytes, not a JPEG/PNG/WebP,
     * dimensions over the limits, a JPEG cut off before its end marker. So the worker hears at once,
     * while still with the member, that the photo must be taken again.
     */
    private void checkImage(String field, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ImageErrorCode.IMAGE_EMPTY.name(), null,
                    Map.of("field", field));
        }
        if (bytes.length > limits.maxPhotoBytes()) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, ImageErrorCode.IMAGE_TOO_LARGE.name(), null,
                    Map.of("field", field, "maxBytes", limits.maxPhotoBytes()));
        }
        try {
            HEADERS.inspect(bytes);
        } catch (ImageRejectedException e) {
            HttpStatus status = e.code() == ImageErrorCode.IMAGE_TOO_LARGE ? HttpStatus.PAYLOAD_TOO_LARGE
                    : HttpStatus.UNPROCESSABLE_ENTITY;
            throw new ApiException(status, e.code().name(), null, Map.of("field", field));
        }
    }

    /** SHA-256 over the worker, the normalised data and every image, in order. */
    private String contentHash(Actor worker, EnrollmentData data, byte[] photo, List<byte[]> frames) {
        var md = Hashes.sha256();
        md.update(("worker:" + worker.userId() + "\n").getBytes(StandardCharsets.UTF_8));
        md.update(write(data).getBytes(StandardCharsets.UTF_8));
        md.update(Hashes.sha256().digest(photo));
        for (byte[] f : frames) {
            md.update(Hashes.sha256().digest(f));
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String answerBody(String submissionId, EnrollmentStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("submissionId", submissionId);
        body.put("status", status.name());
        return write(body);
    }
}
