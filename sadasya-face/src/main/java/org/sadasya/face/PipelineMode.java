package org.sadasya.face;

/** Which pipeline runs (DESIGN.md, "Modes and thresholds"). */
public enum PipelineMode {
    /** Reproduces the original JavaScript pipeline exactly: used by the golden tests. */
    REFERENCE,
    /** What the CLI and the service run: improvements that measurements on data justify. */
    DEFAULT
}
