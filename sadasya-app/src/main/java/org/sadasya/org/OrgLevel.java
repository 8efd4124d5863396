package org.sadasya.org;

/** Levels of the party hierarchy, top to bottom. */
public enum OrgLevel {
    STATE, DISTRICT, BLOCK, MANDALAM, SECTOR, BOOTH;

    /** The level directly below, or null for a booth. */
    public OrgLevel child() {
        return this == BOOTH ? null : values()[ordinal() + 1];
    }
}
