package dev.zkasync.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link ZkAsyncUnsupportedFeatureException}.
 */
class ZkAsyncUnsupportedFeatureFailureAnalyzer extends AbstractFailureAnalyzer<ZkAsyncUnsupportedFeatureException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ZkAsyncUnsupportedFeatureException cause) {
        String alternative = (cause.getAlternative() != null) ? " (" + cause.getAlternative() + ")" : "";
        return new FailureAnalysis(cause.getMessage() + ".",
                "Remove " + String.join(", ", cause.getSettings()) + alternative + ", or use a zk-async version with "
                        + cause.getFeature() + " support.",
                cause);
    }

}
