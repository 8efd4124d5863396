package org.sadasya.enrollment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.web.ApiException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/enrollments")
@Tag(name = "enrollments")
public class EnrollmentController {

    private final SubmitEnrollment submit;
    private final EnrollmentRepository enrollments;
    private final VerificationQueue.Nudge runner;
    private final WorkerEnrollments mine;
    private final ObjectMapper json;
    private final MessageSource messages;

    public EnrollmentController(SubmitEnrollment submit, EnrollmentRepository enrollments, WorkerEnrollments mine,
            VerificationQueue.Nudge runner, ObjectMapper json, MessageSource messages) {
        this.submit = submit;
        this.enrollments = enrollments;
        this.mine = mine;
        this.runner = runner;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping
    @Operation(summary = "The worker's own enrolments, newest first, with status, reason codes and outcomes,"
            + " and today's and this week's counts")
    public WorkerEnrollments.Page list(@AuthenticationPrincipal Actor actor,
            @RequestParam(name = "mine", required = false) String mineOnly,
            @RequestParam(name = "before", required = false) String before,
            @RequestParam(name = "limit", required = false, defaultValue = "20") String limit) {
        if (!"true".equals(mineOnly)) {
            throw ApiException.fieldInvalid("mine", "field.mine");
        }
        if (actor.role() != Role.WORKER) {
            throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "problem.WORKER_ONLY", java.util.Map.of());
        }
        return mine.list(actor.userId(), before == null || before.isBlank() ? null : cursor(before), pageSize(limit));
    }

    private static long cursor(String before) {
        try {
            long id = Long.parseLong(before.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the field error
        }
        throw ApiException.fieldInvalid("before", "field.cursor");
    }

    private static int pageSize(String limit) {
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= WorkerEnrollments.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the field error
        }
        throw ApiException.fieldInvalid("limit", "field.limit");
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Submit an enrolment: photo, optional burst frames, data (JSON). 202 once stored durably")
    public ResponseEntity<String> submit(@AuthenticationPrincipal Actor actor,
            @RequestPart(name = "photo", required = false) MultipartFile photo,
            @RequestPart(name = "burst", required = false) List<MultipartFile> burst,
            @RequestPart(name = "data", required = false) String data) throws IOException {
        // who may send comes before what was sent: no validation answers for a caller who may not
        if (actor.role() != Role.WORKER) {
            throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "problem.WORKER_ONLY", java.util.Map.of());
        }
        if (data == null) {
            throw ApiException.fieldInvalid("data", "field.required");
        }
        if (photo == null) {
            throw ApiException.fieldInvalid("photo", "field.required");
        }
        List<byte[]> frames = new ArrayList<>();
        if (burst != null) {
            for (MultipartFile f : burst) {
                frames.add(f.getBytes());
            }
        }
        SubmitEnrollment.Answer answer = submit.submit(actor, data, photo.getBytes(), frames);
        runner.nudge();
        return ResponseEntity.status(answer.status())
                .location(URI.create("/api/v1/enrollments/" + answer.submissionId()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(answer.body());
    }

    @GetMapping("/{submissionId}")
    @Operation(summary = "Status and reasons of an enrolment")
    public EnrollmentView get(@AuthenticationPrincipal Actor actor, @PathVariable String submissionId) {
        EnrollmentRecord r = enrollments.findBySubmissionId(submissionId.toLowerCase(java.util.Locale.ROOT))
                .orElseThrow(() -> ApiException.notFound("enrollment"));
        boolean visible = actor.role() == Role.WORKER ? r.workerId() == actor.userId() : actor.covers(r.boothPath());
        if (!visible) {
            throw ApiException.notFound("enrollment");
        }
        EnrollmentView view = EnrollmentView.of(r, json);
        if (actor.role() != Role.WORKER) {
            return view; // reviewers and admins see the evidence
        }
        Locale locale = LocaleContextHolder.getLocale();
        return view.forWorker(reason -> inWords(reason, locale));
    }

    /**
     * One sentence for a reason, in the asker's language: the LIVENESS rule's own reason when it
     * gives one, else the code and outcome's sentence (the same texts the worker's app shows); none
     * for a check that passed without comment.
     */
    private String inWords(EnrollmentView.Reason reason, Locale locale) {
        Object key = reason.evidence() == null ? null : reason.evidence().get("reason");
        if ("LIVENESS".equals(reason.code()) && key != null) {
            String text = messages.getMessage("liveness.reason." + key, null, null, locale);
            if (text != null) {
                return text;
            }
        }
        return messages.getMessage("app.reason." + reason.code() + "." + reason.outcome(), null, null, locale);
    }
}
