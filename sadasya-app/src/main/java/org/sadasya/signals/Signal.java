package org.sadasya.signals;

import java.util.Map;

/** One signal raised for a worker: its code and why, with numbers and the submissionIds behind it. */
public record Signal(String code, Map<String, Object> evidence) {}
