package org.sadasya.face;

/** The presentation-attack decision ladder: clear attacks, clear live faces, and doubt for a person to look at. */
public enum LivenessVerdict {
    LIVE, SPOOF, DOUBT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
