package org.sadasya.enrollment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.sadasya.face.challenge.ChallengeSequences;
import org.sadasya.face.challenge.ChallengeStep;

/**
 * The {@code data} part of an enrolment (DESIGN.md, "API and errors"), as sent by the phone. Format
 * checks happen in {@link #validate()}, which also normalises (EPIC upper case, mobile 10 digits,
 * submission id lower case) so that a resubmission compares equal.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrollmentData(
        String submissionId,
        Long boothId,
        Member member,
        Double latitude,
        Double longitude,
        Double accuracyMeters,
        String locatedAt,
        String capturedAt,
        Boolean consent,
        Challenge challenge) {

    /** EPIC (voter id): three letters and seven digits (DESIGN.md). */
    public static final Pattern EPIC = Pattern.compile("^[A-Z]{3}[0-9]{7}$");
    /** Indian mobile numbers: ten digits starting 6–9, optionally written with +91. */
    public static final Pattern MOBILE = Pattern.compile("^(?:\\+91)?([6-9][0-9]{9})$");
    /** A member must be of voting age; above the upper bound the age is a typing error. */
    public static final int MIN_AGE = 18;
    public static final int MAX_AGE = 120;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Member(String name, String nameHi, String mobile, String epic, Integer age, String gender) {}

    /**
     * The challenge the capture followed (DESIGN.md, "Capture and challenge"): the ticket's fields
     * copied unchanged by the app, and when each burst frame was taken and each step shown, in ms
     * from the first frame. Absent for a capture without a ticket.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Challenge(String challengeId, List<String> steps, String issuedAt, String expiresAt,
            String signature, List<Long> frameTimesMs, List<Long> stepStartsMs) {}

    /**
     * The longest burst accepted, first to last frame: the app records 2.5–3 s (DESIGN.md, "Burst");
     * 10 s leaves room for a slow phone and still refuses times that cannot be a burst.
     */
    public static final long MAX_BURST_SPAN_MS = 10_000;
    /** Ticket signatures are base64url HMAC-SHA256 (43 characters); anything much longer is not one. */
    private static final Pattern SIGNATURE = Pattern.compile("^[A-Za-z0-9_=-]{1,128}$");

    /** One field that failed a format check, named by its JSON path. */
    public record FieldError(String field, String messageKey) {}

    /** The normalised data, or the field errors. */
    public record Checked(EnrollmentData data, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public Checked validate() {
        List<FieldError> errors = new ArrayList<>();
        String sid = null;
        if (submissionId == null || submissionId.isBlank()) {
            errors.add(new FieldError("submissionId", "field.required"));
        } else {
            try {
                sid = UUID.fromString(submissionId.trim()).toString();
                if (!sid.equalsIgnoreCase(submissionId.trim())) {
                    errors.add(new FieldError("submissionId", "field.uuid"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("submissionId", "field.uuid"));
            }
        }
        if (boothId == null) {
            errors.add(new FieldError("boothId", "field.required"));
        } else if (boothId <= 0) {
            errors.add(new FieldError("boothId", "field.booth"));
        }
        Member m = null;
        if (member == null) {
            errors.add(new FieldError("member", "field.required"));
        } else {
            m = checkMember(member, errors);
        }
        if ((latitude == null) != (longitude == null)) {
            errors.add(new FieldError(latitude == null ? "latitude" : "longitude", "field.required"));
        }
        if (latitude != null && !(latitude >= -90 && latitude <= 90)) {
            errors.add(new FieldError("latitude", "field.latitude"));
        }
        if (longitude != null && !(longitude >= -180 && longitude <= 180)) {
            errors.add(new FieldError("longitude", "field.longitude"));
        }
        if (accuracyMeters != null && !(accuracyMeters >= 0 && accuracyMeters <= 100_000)) {
            errors.add(new FieldError("accuracyMeters", "field.accuracy"));
        }
        String located = null;
        if (locatedAt != null) {
            if (latitude == null) {
                // the time of a fix that was not sent means nothing
                errors.add(new FieldError("latitude", "field.required"));
            }
            try {
                located = OffsetDateTime.parse(locatedAt.trim()).toInstant().toString();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("locatedAt", "field.timestamp"));
            }
        }
        String captured = null;
        if (capturedAt != null) {
            try {
                captured = OffsetDateTime.parse(capturedAt.trim()).toInstant().toString();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("capturedAt", "field.timestamp"));
            }
        }
        if (!Boolean.TRUE.equals(consent)) {
            errors.add(new FieldError("consent", "field.consent"));
        }
        Challenge ch = null;
        if (challenge != null) {
            ch = checkChallenge(challenge, errors);
            if (capturedAt == null) {
                // a ticket is valid for captures up to its expiry, so the capture time must be stated
                errors.add(new FieldError("capturedAt", "field.required"));
            }
        }
        return new Checked(new EnrollmentData(sid, boothId, m, latitude, longitude, accuracyMeters, located, captured, consent,
                ch), List.copyOf(errors));
    }

    /**
     * Format only: whether the ticket is genuine, this worker's, unexpired and unused is judged at
     * verification (LIVENESS), so that an outbox arriving late still gets its durable 202.
     */
    private static Challenge checkChallenge(Challenge c, List<FieldError> errors) {
        String id = null;
        if (c.challengeId() == null) {
            errors.add(new FieldError("challenge.challengeId", "field.required"));
        } else {
            try {
                id = UUID.fromString(c.challengeId().strip()).toString();
                if (!id.equalsIgnoreCase(c.challengeId().strip())) {
                    errors.add(new FieldError("challenge.challengeId", "field.uuid"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("challenge.challengeId", "field.uuid"));
            }
        }
        if (c.steps() == null) {
            errors.add(new FieldError("challenge.steps", "field.required"));
        } else if (c.steps().size() < ChallengeSequences.MIN_STEPS || c.steps().size() > ChallengeSequences.MAX_STEPS) {
            errors.add(new FieldError("challenge.steps", "field.stepCount"));
        } else {
            for (int i = 0; i < c.steps().size(); i++) {
                if (!isStep(c.steps().get(i))) {
                    errors.add(new FieldError("challenge.steps[" + i + "]", "field.step"));
                }
            }
        }
        String issued = instant(c.issuedAt(), "challenge.issuedAt", errors);
        String expires = instant(c.expiresAt(), "challenge.expiresAt", errors);
        if (c.signature() == null) {
            errors.add(new FieldError("challenge.signature", "field.required"));
        } else if (!SIGNATURE.matcher(c.signature()).matches()) {
            errors.add(new FieldError("challenge.signature", "field.signature"));
        }
        checkFrameTimes(c.frameTimesMs(), errors);
        checkStepStarts(c, errors);
        return new Challenge(id, c.steps(), issued, expires, c.signature(), c.frameTimesMs(), c.stepStartsMs());
    }

    private static boolean isStep(String name) {
        for (ChallengeStep s : ChallengeStep.values()) {
            if (s.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String instant(String text, String field, List<FieldError> errors) {
        if (text == null) {
            errors.add(new FieldError(field, "field.required"));
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant().toString();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "field.timestamp"));
            return null;
        }
    }

    private static void checkFrameTimes(List<Long> times, List<FieldError> errors) {
        String field = "challenge.frameTimesMs";
        if (times == null) {
            errors.add(new FieldError(field, "field.required"));
            return;
        }
        if (times.isEmpty() || times.contains(null) || times.get(0) != 0) {
            errors.add(new FieldError(field, "field.frameTimes"));
            return;
        }
        for (int i = 1; i < times.size(); i++) {
            if (times.get(i) <= times.get(i - 1)) {
                errors.add(new FieldError(field + "[" + i + "]", "field.frameTimes"));
                return;
            }
        }
        if (times.get(times.size() - 1) > MAX_BURST_SPAN_MS) {
            errors.add(new FieldError(field, "field.burstSpan"));
        }
    }

    private static void checkStepStarts(Challenge c, List<FieldError> errors) {
        String field = "challenge.stepStartsMs";
        List<Long> starts = c.stepStartsMs();
        if (starts == null) {
            errors.add(new FieldError(field, "field.required"));
            return;
        }
        if (starts.contains(null) || (c.steps() != null && starts.size() != c.steps().size())) {
            errors.add(new FieldError(field, "field.stepStarts"));
            return;
        }
        long span = c.frameTimesMs() == null || c.frameTimesMs().isEmpty() || c.frameTimesMs().contains(null)
                ? MAX_BURST_SPAN_MS : c.frameTimesMs().get(c.frameTimesMs().size() - 1);
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i) < 0 || starts.get(i) > span || (i > 0 && starts.get(i) < starts.get(i - 1))) {
                errors.add(new FieldError(field + "[" + i + "]", "field.stepStarts"));
                return;
            }
        }
    }

    /**
     * A name someone can read and a reviewer can compare: at least one letter, and no control
     * characters or bidirectional overrides (which make a name display as something else). The
     * zero-width joiner and non-joiner stay allowed: Devanagari spelling uses them.
     */
    static boolean readableName(String name) {
        boolean letter = false;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetter(c)) {
                letter = true;
            }
            int type = Character.getType(c);
            boolean bidiControl = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                    || c == 0x061C;
            boolean invisible = c == 0x200B || c == 0x2060 || c == 0xFEFF;
            if (type == Character.CONTROL || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE || bidiControl || invisible) {
                return false;
            }
        }
        return letter;
    }

    private static Member checkMember(Member m, List<FieldError> errors) {
        String name = m.name() == null ? null : m.name().strip();
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("member.name", "field.required"));
        } else if (name.length() > 200) {
            errors.add(new FieldError("member.name", "field.tooLong"));
        } else if (!readableName(name)) {
            errors.add(new FieldError("member.name", "field.nameCharacters"));
        }
        String nameHi = m.nameHi() == null ? null : m.nameHi().strip();
        if (nameHi != null && nameHi.length() > 200) {
            errors.add(new FieldError("member.nameHi", "field.tooLong"));
        } else if (nameHi != null && !nameHi.isEmpty() && !readableName(nameHi)) {
            errors.add(new FieldError("member.nameHi", "field.nameCharacters"));
        }
        String mobile = null;
        if (m.mobile() == null) {
            errors.add(new FieldError("member.mobile", "field.required"));
        } else {
            var matcher = MOBILE.matcher(m.mobile().replace(" ", "").strip());
            if (matcher.matches()) {
                mobile = matcher.group(1);
            } else {
                errors.add(new FieldError("member.mobile", "field.mobile"));
            }
        }
        String epic = null;
        if (m.epic() == null) {
            errors.add(new FieldError("member.epic", "field.required"));
        } else {
            epic = m.epic().strip().toUpperCase(Locale.ROOT);
            if (!EPIC.matcher(epic).matches()) {
                errors.add(new FieldError("member.epic", "field.epic"));
            }
        }
        if (m.age() == null) {
            errors.add(new FieldError("member.age", "field.required"));
        } else if (m.age() < MIN_AGE || m.age() > MAX_AGE) {
            errors.add(new FieldError("member.age", "field.age"));
        }
        String gender = m.gender() == null ? null : m.gender().strip().toUpperCase(Locale.ROOT);
        if (gender != null && !gender.matches("^[MFO]$")) {
            errors.add(new FieldError("member.gender", "field.gender"));
        }
        return new Member(name, nameHi, mobile, epic, m.age(), gender);
    }

    /** When the GPS fix was taken, by the phone's clock, or null when the phone did not say. */
    public Instant locatedInstant() {
        return locatedAt == null ? null : Instant.parse(locatedAt);
    }

    public Instant capturedInstant() {
        return capturedAt == null ? null : Instant.parse(capturedAt);
    }
}
