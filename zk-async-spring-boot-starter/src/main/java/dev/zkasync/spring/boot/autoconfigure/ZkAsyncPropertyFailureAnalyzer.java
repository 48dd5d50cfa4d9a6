package dev.zkasync.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link ZkAsyncPropertyException}: which property, its value, why it cannot be used
 * and what to write instead.
 */
class ZkAsyncPropertyFailureAnalyzer extends AbstractFailureAnalyzer<ZkAsyncPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ZkAsyncPropertyException cause) {
        return new FailureAnalysis(cause.getMessage() + ".", cause.getAction(), cause);
    }

}
