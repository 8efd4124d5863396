package org.sadasya.lab.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sadasya.face.testsupport.SharedData;
import org.sadasya.index.Vectors;

class SyntheticFacesTest {

    static FaceresData data;
    static SyntheticFaces gen;

    @BeforeAll
    static void fit() {
        data = FaceresData.load(SharedData.root());
        gen = SyntheticFaces.fit(data, 42);
    }

    @Test
    void realData_hasOnePrimaryFacePerImage_andTheLabelledPairs() {
        assertThat(data.primaryEmbeddings()).hasSize(63);
        assertThat(data.primaryEmbeddings().values()).allSatisfy(v -> assertThat(v).hasSize(1024));
        assertThat(data.pairs()).hasSize(300);
        assertThat(data.pairs().stream().filter(FaceresData.LabelledPair::same).count()).isEqualTo(38);
    }

    /**
     * Another model's sample file (as `evaluate identities --sample-out` writes it): a generator fitted on 400 vectors of
     * 64 dimensions, two per identity, has their dimension and recovers their within-identity share.
     */
    @Test
    void aSampleOfAnotherModel_fitsAGeneratorOfItsDimension_withItsWithinIdentityShare(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = json.createObjectNode();
        var embeddings = root.putObject("embeddings");
        var pairs = root.putArray("pairs");
        for (int id = 0; id < 200; id++) {
            for (int capture = 0; capture < 2; capture++) {
                var v = embeddings.putArray(id + "-" + capture);
                for (float x : gen.projected(1_000_000L + id, capture, 64)) {
                    v.add(x);
                }
            }
            pairs.addArray().add(id + "-0").add(id + "-1").add(true);
        }
        java.nio.file.Path file = dir.resolve("sample.json");
        json.writeValue(file.toFile(), root);

        SyntheticFaces fitted = SyntheticFaces.fit(FaceresData.read(file), 7, 32);

        assertThat(fitted.dimension()).isEqualTo(64);
        assertThat(fitted.vector(1, 0)).hasSize(64);
        // the projected coordinates keep the model's share; the sample's normalisation moves it a little
        assertThat(fitted.withinShare()).isCloseTo(gen.withinShare(), Offset.offset(0.08));
    }

    @Test
    void generation_isDeterministic() {
        assertThat(gen.vector(12345, 1)).containsExactly(SyntheticFaces.fit(data, 42).vector(12345, 1));
        assertThat(gen.vector(12345, 1)).isNotEqualTo(gen.vector(12345, 0));
    }

    @Test
    void spectrum_isFullRank_withTheRealSamplesIntrinsicDimension() {
        assertThat(gen.smallestVariance()).isPositive();
        assertThat(gen.realParticipationRatio()).isBetween(15.0, 30.0);
        assertThat(gen.participationRatio()).isCloseTo(gen.realParticipationRatio(), Offset.offset(3.0));
    }

    @Test
    void generatedVectors_leaveTheSpanOfTheRealVectors() {
        // Orthonormal basis of the span of the 63 real vectors (Gram–Schmidt), then the share of each
        // generated vector's centred energy outside it.
        List<double[]> basis = new ArrayList<>();
        for (float[] v : data.primaryEmbeddings().values()) {
            double[] x = toDouble(Vectors.normalized(v));
            for (double[] b : basis) {
                double d = dot(x, b);
                for (int i = 0; i < x.length; i++) {
                    x[i] -= d * b[i];
                }
            }
            double n = Math.sqrt(dot(x, x));
            if (n > 1e-8) {
                for (int i = 0; i < x.length; i++) {
                    x[i] /= n;
                }
                basis.add(x);
            }
        }
        double outside = 0;
        for (int id = 0; id < 50; id++) {
            double[] x = toDouble(gen.vector(id, 0));
            double total = dot(x, x);
            for (double[] b : basis) {
                double d = dot(x, b);
                total -= d * d;
            }
            outside += total / dot(x, x);
        }
        assertThat(outside / 50).isGreaterThan(0.005);
    }

    @Test
    void genuineAndImpostorCosines_resembleTheRealOnes() {
        int n = 2000;
        double[] genuine = new double[n];
        double[] impostor = new double[n];
        for (int i = 0; i < n; i++) {
            float[] a = Vectors.normalized(gen.vector(i, 0));
            genuine[i] = Vectors.dot(a, Vectors.normalized(gen.vector(i, 1)));
            impostor[i] = Vectors.dot(a, Vectors.normalized(gen.vector(i + n, 0)));
        }
        ErrorBudget.Scores real = ErrorBudget.from(data).scores();
        assertThat(median(genuine)).isCloseTo(median(real.genuine()), Offset.offset(0.05));
        assertThat(median(impostor)).isCloseTo(median(real.impostor()), Offset.offset(0.08));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
