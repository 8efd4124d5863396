package org.sadasya.challenge;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.sadasya.security.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/challenges")
@Tag(name = "challenges")
public class ChallengeController {

    private final IssueChallenges issue;

    public ChallengeController(IssueChallenges issue) {
        this.issue = issue;
    }

    public record TicketRequest(Integer count) {}

    @PostMapping
    @Operation(summary = "Single-use challenge tickets for the logged-in worker (WORKER only): a stock for offline capture")
    public List<ChallengeTicket> issue(@AuthenticationPrincipal Actor actor, @RequestBody TicketRequest request) {
        return issue.issue(actor, request == null ? null : request.count());
    }
}
