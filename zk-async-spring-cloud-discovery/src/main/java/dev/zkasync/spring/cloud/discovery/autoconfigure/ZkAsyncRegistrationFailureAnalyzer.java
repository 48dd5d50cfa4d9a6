package dev.zkasync.spring.cloud.discovery.autoconfigure;

import dev.zkasync.spring.cloud.discovery.ZkAsyncRegistrationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed because this application could not register itself in ZooKeeper
 * (ZooKeeper unreachable, the root's ACL refusing the client, the root being an ephemeral node).
 */
class ZkAsyncRegistrationFailureAnalyzer extends AbstractFailureAnalyzer<ZkAsyncRegistrationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ZkAsyncRegistrationException cause) {
        Throwable reason = (cause.getCause() != null) ? cause.getCause() : cause;
        return new FailureAnalysis(
                "The application could not register itself for discovery in ZooKeeper.\n\n" + cause.getMessage()
                        + "\n\nReason: " + reason,
                "Check that ZooKeeper is reachable at zk.async.hosts, that the client may create nodes under "
                        + "zk.async.discovery.root (its ACL and authentication), and that the root is a persistent "
                        + "or container node. To start without registering, set zk.async.discovery.register=false.",
                cause);
    }

}
