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
        String capturedAt,
        Boolean consent) {

    /** EPIC (voter id): three letters and seven digits (DESIGN.md). */
    public static final Pattern EPIC = Pattern.compile("^[A-Z]{3}[0-9]{7}$");
    /** Indian mobile numbers: ten digits starting 6–9, optionally written with +91. */
    public static final Pattern MOBILE = Pattern.compile("^(?:\\+91)?([6-9][0-9]{9})$");
    /** A member must be of voting age; above the upper bound the age is a typing error. */
    public static final int MIN_AGE = 18;
    public static final int MAX_AGE = 120;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Member(String name, String nameHi, String mobile, String epic, Integer age, String gender) {}

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
        return new Checked(new EnrollmentData(sid, boothId, m, latitude, longitude, accuracyMeters, captured, consent),
                List.copyOf(errors));
    }

    private static Member checkMember(Member m, List<FieldError> errors) {
        String name = m.name() == null ? null : m.name().strip();
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("member.name", "field.required"));
        } else if (name.length() > 200) {
            errors.add(new FieldError("member.name", "field.tooLong"));
        }
        String nameHi = m.nameHi() == null ? null : m.nameHi().strip();
        if (nameHi != null && nameHi.length() > 200) {
            errors.add(new FieldError("member.nameHi", "field.tooLong"));
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

    public Instant capturedInstant() {
        return capturedAt == null ? null : Instant.parse(capturedAt);
    }
}
