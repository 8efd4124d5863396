package org.sadasya.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.sadasya.card.FaceCrop;
import org.sadasya.common.InMemoryImages;
import org.sadasya.enrollment.EnrollmentRecord;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.ImageStore;
import org.sadasya.common.StoredImageTypes;
import org.sadasya.security.Actor;
import org.sadasya.web.ApiException;
import org.sadasya.face.FaceBox;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An enrolment's photos for a reviewer in scope, decrypted from the image store on each request and
 * never cached: {@code no-store} keeps faces out of browser and proxy caches.
 */
@RestController
@RequestMapping("/api/v1/enrollments/{submissionId}")
@Tag(name = "reviews")
public class EvidencePhotoController {

    private final ReviewableEnrollments reviewable;
    private final EnrollmentRepository enrollments;
    private final ImageStore images;
    private final ObjectMapper json;

    public EvidencePhotoController(ReviewableEnrollments reviewable, EnrollmentRepository enrollments, ImageStore images,
            ObjectMapper json) {
        this.reviewable = reviewable;
        this.enrollments = enrollments;
        this.images = images;
        this.json = json;
    }

    @GetMapping("/photo")
    @Operation(summary = "The selfie as sent (REVIEWER/ADMIN in scope), Cache-Control: no-store")
    public ResponseEntity<byte[]> photo(@AuthenticationPrincipal Actor actor, @PathVariable String submissionId) {
        return image(actor, submissionId, "PHOTO", 0);
    }

    @GetMapping("/burst/{n}")
    @Operation(summary = "Frame n (from 0) of the challenge burst (REVIEWER/ADMIN in scope), Cache-Control: no-store")
    public ResponseEntity<byte[]> burst(@AuthenticationPrincipal Actor actor, @PathVariable String submissionId,
            @PathVariable int n) {
        return image(actor, submissionId, "BURST", n);
    }

    @GetMapping("/faces/{n}")
    @Operation(summary = "Counted face n (FACE_COUNT's boxes, from 0) cut from the selfie as PNG (REVIEWER/ADMIN in scope), Cache-Control: no-store")
    public ResponseEntity<byte[]> face(@AuthenticationPrincipal Actor actor, @PathVariable String submissionId,
            @PathVariable int n) {
        EnrollmentRecord e = reviewable.find(actor, submissionId);
        FaceBox box = CountedFaces.box(e, n, json).orElseThrow(() -> ApiException.notFound("face"));
        byte[] crop = enrollments.images(e.id()).stream().filter(i -> i.kind().equals("PHOTO")).findFirst()
                .flatMap(i -> FaceCrop.of(images.get(i.imageKey()), box))
                .map(img -> InMemoryImages.encode(img, "png"))
                .orElseThrow(() -> ApiException.notFound("image"));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG).body(crop);
    }

    private ResponseEntity<byte[]> image(Actor actor, String submissionId, String kind, int seq) {
        EnrollmentRecord e = reviewable.find(actor, submissionId);
        EnrollmentRepository.StoredImage stored = enrollments.images(e.id()).stream()
                .filter(i -> i.kind().equals(kind) && i.seq() == seq).findFirst()
                .orElseThrow(() -> ApiException.notFound("image"));
        byte[] bytes = images.get(stored.imageKey());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(StoredImageTypes.of(bytes)).body(bytes);
    }
}
