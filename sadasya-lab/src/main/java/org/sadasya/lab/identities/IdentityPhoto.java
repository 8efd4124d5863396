package org.sadasya.lab.identities;

import java.nio.file.Path;

/**
 * One labelled photo of shared/data/faces/identities.
 *
 * @param source   the folder it comes from (bollywood100, celeba299_wild, …)
 * @param key      {@code source/file}, unique over all folders
 * @param identity the person: the same name in two folders is the same person
 */
public record IdentityPhoto(String source, String key, Path file, String identity) {}
