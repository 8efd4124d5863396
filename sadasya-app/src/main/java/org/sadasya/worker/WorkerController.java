package org.sadasya.worker;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import org.sadasya.audit.AuditLog;
import org.sadasya.decision.FaceAnalyzer;
import org.sadasya.decision.RuleResult;
import org.sadasya.decision.VerificationPolicy;
import org.sadasya.enrollment.EnrollmentData;
import org.sadasya.enrollment.ImageStore;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.image.ImageErrorCode;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.org.OrgUnit;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.security.UserAccount;
import org.sadasya.security.UserRepository;
import org.sadasya.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * People: workers (username = mobile, scoped to an org unit whose booths they work in) with their
 * reference faces, and reviewers/admins created by an ADMIN.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "people")
public class WorkerController {

    static final int MIN_PASSWORD = 6;

    private final UserRepository users;
    private final OrgUnitRepository units;
    private final WorkerFaceRepository faces;
    private final FaceAnalyzer analyzer;
    private final ImageStore images;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final VerificationPolicy policy;

    public WorkerController(UserRepository users, OrgUnitRepository units, WorkerFaceRepository faces,
            FaceAnalyzer analyzer, ImageStore images, PasswordEncoder passwords, AuditLog audit, TransactionTemplate tx,
            VerificationPolicy policy) {
        this.users = users;
        this.units = units;
        this.faces = faces;
        this.analyzer = analyzer;
        this.images = images;
        this.passwords = passwords;
        this.audit = audit;
        this.tx = tx;
        this.policy = policy;
    }

    /** The unit by id, or by its code (as booth lists name them) when no id is given. */
    public record NewWorker(String name, String mobile, String password, Long orgUnitId, String orgUnitCode) {}

    public record NewUser(String username, String password, String name, String role, Long orgUnitId,
            String orgUnitCode) {}

    public record Person(long id, String username, String role, String name, String mobile, Long orgUnitId,
            Integer referenceFaces) {}

    @PostMapping("/workers")
    @Operation(summary = "Create a worker (username = mobile) scoped to an org unit")
    public ResponseEntity<Person> createWorker(@AuthenticationPrincipal Actor actor, @RequestBody NewWorker req) {
        if (actor.role() == Role.WORKER) {
            throw ApiException.forbidden();
        }
        String name = required("name", req.name());
        if (req.mobile() == null) {
            throw ApiException.fieldInvalid("mobile", "field.required");
        }
        Matcher m = EnrollmentData.MOBILE.matcher(req.mobile().replace(" ", ""));
        if (!m.matches()) {
            throw ApiException.fieldInvalid("mobile", "field.mobile");
        }
        String mobile = m.group(1);
        checkPassword(req.password());
        OrgUnit unit = scopeUnit(actor, req.orgUnitId(), req.orgUnitCode());
        long id = createUser(actor, mobile, req.password(), Role.WORKER, name, mobile, unit);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new Person(id, mobile, Role.WORKER.name(), name, mobile, unit.id(), 0));
    }

    @PostMapping("/users")
    @Operation(summary = "Create a reviewer (scoped to an org unit) or an admin; ADMIN only")
    public ResponseEntity<Person> createUser(@AuthenticationPrincipal Actor actor, @RequestBody NewUser req) {
        if (actor.role() != Role.ADMIN) {
            throw ApiException.forbidden();
        }
        String username = required("username", req.username());
        String name = required("name", req.name());
        checkPassword(req.password());
        Role role;
        try {
            role = Role.valueOf(required("role", req.role()).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.fieldInvalid("role", "field.role");
        }
        OrgUnit unit = role == Role.ADMIN ? null : scopeUnit(actor, req.orgUnitId(), req.orgUnitCode());
        long id = createUser(actor, username, req.password(), role, name, null, unit);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new Person(id, username, role.name(), name, null, unit == null ? null : unit.id(), null));
    }

    @GetMapping("/workers/{id}")
    public Person get(@AuthenticationPrincipal Actor actor, @PathVariable long id) {
        UserAccount w = visibleWorker(actor, id);
        return new Person(w.id(), w.username(), w.role().name(), w.name(), w.mobile(), w.orgUnitId(), faces.count(w.id()));
    }

    public record ReferenceFace(long id, long workerId, double detectionScore, Double spoofScore, String verdict,
            int referenceFaces) {}

    @PostMapping(path = "/workers/{id}/reference-face", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Enrol a reference face: exactly one clear, live face (FACE_COUNT, LIVENESS)")
    public ResponseEntity<ReferenceFace> referenceFace(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @RequestPart("photo") MultipartFile photo) throws IOException {
        if (actor.role() == Role.WORKER) {
            throw ApiException.forbidden(); // a worker must not choose whose face stands for them
        }
        UserAccount worker = visibleWorker(actor, id);
        byte[] bytes = photo.getBytes();
        ImageAnalysis analysis;
        try {
            analysis = analyzer.analyze(bytes);
        } catch (ImageRejectedException e) {
            throw imageProblem(e.code(), "photo");
        }
        var result = ReferenceFaceCheck.check(analysis, policy);
        if (result instanceof ReferenceFaceCheck.Refused refused) {
            RuleResult r = refused.reason();
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("field", "photo");
            props.put("evidence", r.evidence());
            audit.record(actor.auditName(), "REFERENCE_FACE_REFUSED", "user", worker.id(), Map.of("code", r.code().name()));
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, r.code().name(), "problem.reference." + r.code().name(),
                    props);
        }
        var face = ((ReferenceFaceCheck.Accepted) result).face();
        String imageKey = images.put(bytes);
        Double spoof = face.liveness() == null ? null : face.liveness().spoofScore();
        long faceId = tx.execute(s -> {
            long fid = faces.insert(worker.id(), face.embedding(), analysis.modelVersion(), imageKey, face.detectionScore(),
                    spoof);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("faceId", fid);
            detail.put("modelVersion", analysis.modelVersion());
            audit.record(actor.auditName(), "REFERENCE_FACE_ENROLLED", "user", worker.id(), detail);
            return fid;
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(new ReferenceFace(faceId, worker.id(),
                face.detectionScore(), spoof, face.liveness() == null ? null : face.liveness().verdict().name(),
                faces.count(worker.id())));
    }

    static ApiException imageProblem(ImageErrorCode code, String field) {
        HttpStatus status = code == ImageErrorCode.IMAGE_TOO_LARGE ? HttpStatus.PAYLOAD_TOO_LARGE
                : HttpStatus.UNPROCESSABLE_ENTITY;
        return new ApiException(status, code.name(), null, Map.of("field", field));
    }

    private UserAccount visibleWorker(Actor actor, long id) {
        UserAccount w = users.find(id).filter(u -> u.role() == Role.WORKER)
                .orElseThrow(() -> ApiException.notFound("worker"));
        if (actor.role() == Role.WORKER) {
            if (actor.userId() != w.id()) {
                throw ApiException.notFound("worker");
            }
            return w;
        }
        OrgUnit unit = units.find(w.orgUnitId()).orElseThrow();
        if (!actor.covers(unit)) {
            throw ApiException.notFound("worker");
        }
        return w;
    }

    private OrgUnit scopeUnit(Actor actor, Long orgUnitId, String orgUnitCode) {
        OrgUnit unit;
        if (orgUnitId != null) {
            unit = units.find(orgUnitId).orElseThrow(() -> ApiException.fieldInvalid("orgUnitId", "field.orgUnit"));
        } else if (orgUnitCode != null && !orgUnitCode.isBlank()) {
            unit = units.findByCode(orgUnitCode.strip())
                    .orElseThrow(() -> ApiException.fieldInvalid("orgUnitCode", "field.orgUnit"));
        } else {
            throw ApiException.fieldInvalid("orgUnitId", "field.required");
        }
        if (!actor.covers(unit)) {
            throw ApiException.forbidden();
        }
        return unit;
    }

    private long createUser(Actor actor, String username, String password, Role role, String name, String mobile,
            OrgUnit unit) {
        String hash = passwords.encode(password);
        try {
            return tx.execute(s -> {
                long id = users.insert(username, hash, role, name, mobile, unit == null ? null : unit.id());
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("username", username);
                detail.put("role", role.name());
                detail.put("orgUnitId", unit == null ? null : unit.id());
                audit.record(actor.auditName(), "USER_CREATED", "user", id, detail);
                return id;
            });
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, "USERNAME_TAKEN", null, Map.of("username", username));
        }
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiException.fieldInvalid("password", "field.password");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > org.sadasya.security.TokenService.MAX_PASSWORD_BYTES) {
            throw ApiException.fieldInvalid("password", "field.tooLong");
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.fieldInvalid(field, "field.required");
        }
        if (value.strip().length() > 200) {
            throw ApiException.fieldInvalid(field, "field.tooLong");
        }
        return value.strip();
    }
}
