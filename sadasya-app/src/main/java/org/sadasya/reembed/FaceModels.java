package org.sadasya.reembed;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sadasya.face.model.EmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which embedding model the service describes faces with. The configured model
 * ({@code sadasya.face-embedding}) is the target; the service serves with it once every stored member
 * and worker face has an embedding of it. Until then it serves with the model they all have, and
 * {@link ModelSwitch} re-embeds the rest in the background and switches. A decision made with a
 * model that was switched away from ({@link #retired}) may not issue a member: it is made again.
 */
public final class FaceModels {

    private static final Logger log = LoggerFactory.getLogger(FaceModels.class);

    private final EmbeddingModel target;
    private volatile EmbeddingModel serving;
    private final Set<String> retired = ConcurrentHashMap.newKeySet();

    public FaceModels(EmbeddingModel target, EmbeddingModel serving) {
        this.target = target;
        this.serving = serving;
    }

    /** A service that has only ever used {@code model}. */
    public static FaceModels of(EmbeddingModel model) {
        return new FaceModels(model, model);
    }

    /**
     * Serves the target when nothing stored lacks it (a new database too); otherwise another known
     * model that nothing lacks — the one the faces were described with so far — and failing that
     * the target anyway (faces of unknown models cannot be compared by any engine here).
     */
    public static FaceModels choose(EmbeddingModel target, FaceCoverage coverage) {
        return choose(target, coverage, Optional.empty());
    }

    /**
     * The same, on a database where a node has switched member issuing to {@code switchedTo}: that
     * model is served (every node issues with one model), and a different target is moved to from
     * there, which switches every node in turn: configure them alike.
     */
    public static FaceModels choose(EmbeddingModel target, FaceCoverage coverage, Optional<String> switchedTo) {
        Optional<EmbeddingModel> issuing = switchedTo.flatMap(EmbeddingModel::ofVersion);
        if (issuing.isPresent()) {
            if (issuing.get() != target) {
                log.warn("face model: this database issues members with {}; serving with it, and moving the faces"
                        + " to the configured {} (configure every node alike)", issuing.get().version(), target.version());
            }
            return new FaceModels(target, issuing.get());
        }
        if (coverage.lacking(target.version()).none()) {
            return of(target);
        }
        for (EmbeddingModel m : EmbeddingModel.values()) {
            if (m != target && coverage.hasFaces(m.version()) && coverage.lacking(m.version()).none()) {
                FaceCoverage.Lacking l = coverage.lacking(target.version());
                log.warn("face model: {} member and {} worker faces have no {} embedding yet; serving with {} while"
                        + " they are re-embedded", l.members(), l.workerPhotos(), target.version(), m.version());
                return new FaceModels(target, m);
            }
        }
        return of(target);
    }

    public EmbeddingModel target() {
        return target;
    }

    public EmbeddingModel serving() {
        return serving;
    }

    /** Whether faces are still being moved to the target model. */
    public boolean switching() {
        return serving != target;
    }

    /** Whether decisions made with {@code modelVersion} are out of date (the service switched away from it). */
    public boolean retired(String modelVersion) {
        return modelVersion != null && retired.contains(modelVersion);
    }

    /**
     * Serves with {@code modelVersion}, which another node switched member issuing to (found with
     * member issuing locked); the model served until now is retired.
     */
    public synchronized void adopt(String modelVersion) {
        Optional<EmbeddingModel> m = EmbeddingModel.ofVersion(modelVersion);
        if (m.isPresent() && m.get() != serving) {
            log.info("face model: another node switched member issuing to {}; serving with it instead of {}",
                    modelVersion, serving.version());
            retired.add(serving.version());
            serving = m.get();
        }
    }

    /** Serves with the target from now on (call with member issuing locked, once nothing lacks it). */
    synchronized void switchToTarget() {
        if (serving != target) {
            retired.add(serving.version());
            serving = target;
        }
    }
}
