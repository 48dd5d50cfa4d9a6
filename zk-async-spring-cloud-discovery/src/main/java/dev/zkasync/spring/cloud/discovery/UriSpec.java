package dev.zkasync.spring.cloud.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Curator's {@code UriSpec}: a template such as {@code {scheme}://{address}:{port}}, kept as the
 * parts Curator writes into the instance JSON, and the instance's URI built from it the way Curator
 * builds it (an unknown variable becomes empty; {@code scheme} is {@code https} with an SSL port).
 */
final class UriSpec {

    record Part(String value, boolean variable) {
    }

    private final List<Part> parts;

    private UriSpec(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    static UriSpec of(List<Part> parts) {
        return new UriSpec(parts);
    }

    static UriSpec parse(String spec) {
        List<Part> parts = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inVariable = false;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '{' || c == '}') {
                if ((c == '{') == inVariable) {
                    throw new IllegalArgumentException("unbalanced braces in the URI spec '" + spec + "'");
                }
                add(parts, token, inVariable);
                inVariable = (c == '{');
            }
            else {
                token.append(c);
            }
        }
        if (inVariable) {
            throw new IllegalArgumentException("unclosed variable in the URI spec '" + spec + "'");
        }
        add(parts, token, false);
        return new UriSpec(parts);
    }

    private static void add(List<Part> parts, StringBuilder token, boolean variable) {
        if (!token.isEmpty()) {
            parts.add(new Part(variable ? token.toString().trim() : token.toString(), variable));
            token.setLength(0);
        }
    }

    List<Part> parts() {
        return this.parts;
    }

    String build(Map<String, String> variables) {
        StringBuilder uri = new StringBuilder();
        for (Part part : this.parts) {
            if (part.variable()) {
                String value = variables.get(part.value());
                uri.append(value != null ? value : "");
            }
            else {
                uri.append(part.value());
            }
        }
        return uri.toString();
    }

    @Override
    public String toString() {
        StringBuilder spec = new StringBuilder();
        for (Part part : this.parts) {
            spec.append(part.variable() ? "{" + part.value() + "}" : part.value());
        }
        return spec.toString();
    }

}
