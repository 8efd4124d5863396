package org.sadasya.worker;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.sadasya.enrollment.ImageStore;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.security.UserAccount;
import org.sadasya.security.UserRepository;
import org.sadasya.web.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A worker's reference face as enrolled, for a reviewer in scope to set beside the selfie; decrypted
 * on each request and never cached. The worker itself gets none: it never needs its own biometric
 * evidence, and a stolen phone should not yield it.
 */
@RestController
@Tag(name = "people")
public class ReferenceFacePhotoController {

    private final UserRepository users;
    private final OrgUnitRepository units;
    private final WorkerFaceRepository faces;
    private final ImageStore images;

    public ReferenceFacePhotoController(UserRepository users, OrgUnitRepository units, WorkerFaceRepository faces,
            ImageStore images) {
        this.users = users;
        this.units = units;
        this.faces = faces;
        this.images = images;
    }

    @GetMapping("/api/v1/workers/{id}/reference-face/{n}")
    @Operation(summary = "Reference face n (from 0, oldest first) of a worker (REVIEWER/ADMIN in scope), Cache-Control: no-store")
    public ResponseEntity<byte[]> referenceFace(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @PathVariable int n) {
        if (actor.role() == Role.WORKER) {
            throw ApiException.forbidden();
        }
        UserAccount worker = users.find(id).filter(u -> u.role() == Role.WORKER)
                .filter(u -> units.find(u.orgUnitId()).map(actor::covers).orElse(false))
                .orElseThrow(() -> ApiException.notFound("worker"));
        List<String> keys = faces.imageKeys(worker.id());
        if (n < 0 || n >= keys.size()) {
            throw ApiException.notFound("image");
        }
        byte[] bytes = images.get(keys.get(n));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .contentType(org.sadasya.common.StoredImageTypes.of(bytes)).body(bytes);
    }
}
