package org.sadasya.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The mapper that stores a decision's reasons: like the service's, but keeping null values inside
 * evidence maps, where a null is itself evidence ({@code "challengeId": null}: no ticket). The
 * service's mapper drops nulls everywhere else.
 */
public final class EvidenceJson {
    private EvidenceJson() {}

    public static ObjectMapper of(ObjectMapper service) {
        return service.copy().setDefaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));
    }
}
