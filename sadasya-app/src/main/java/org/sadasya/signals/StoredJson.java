package org.sadasya.signals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Picks the few fields the signals need out of an enrolment's stored data part with a streaming
 * parser, skipping the rest (the challenge) unread into objects: a
 * district's 50 000 enrolments are read per request, and building trees of them cost more than the
 * query (SignalsBenchmark).
 */
final class StoredJson {

    /** The {@code data} part's position, accuracy, capture time and member mobile (each null when absent). */
    record DataFacts(Double latitude, Double longitude, Double accuracyMeters, String capturedAt, String mobile) {}

    private final JsonFactory factory;

    StoredJson(JsonFactory factory) {
        this.factory = factory;
    }

    DataFacts data(String json) {
        Double lat = null;
        Double lon = null;
        Double accuracy = null;
        String captured = null;
        String mobile = null;
        try (JsonParser p = factory.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "latitude" -> lat = number(p, value);
                    case "longitude" -> lon = number(p, value);
                    case "accuracyMeters" -> accuracy = number(p, value);
                    case "capturedAt" -> captured = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "member" -> mobile = mobile(p, value);
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a stored enrolment is unreadable", e);
        }
        return new DataFacts(lat, lon, accuracy, captured, mobile);
    }

    private static String mobile(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String mobile = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("mobile".equals(name) && v == JsonToken.VALUE_STRING) {
                mobile = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return mobile;
    }

    private static Double number(JsonParser p, JsonToken value) throws IOException {
        return value.isNumeric() ? p.getDoubleValue() : null;
    }

    private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new IOException("expected " + wanted + ", found " + actual);
        }
    }
}
