package dev.zkasync.spring.boot.config;

import dev.zkasync.client.state.KeeperState;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link ZkAsyncConfigDataException}: which servers, which nodes, and what to change.
 */
class ZkAsyncConfigDataFailureAnalyzer extends AbstractFailureAnalyzer<ZkAsyncConfigDataException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ZkAsyncConfigDataException cause) {
        String description = cause.getMessage() + ". spring.config.import=zk-async: reads " + cause.getPaths()
                + " from " + cause.getHosts() + ".";
        String action = (cause.getState() == KeeperState.AUTH_FAILED)
                ? "Check the credentials in zk.async.sasl.* and zk.async.auth against the ZooKeeper servers' "
                        + "configuration."
                : "Check that ZooKeeper runs at " + cause.getHosts() + " and that zk.async.hosts names it, raise "
                        + "zk.async.startup.timeout, or import with 'optional:zk-async:' to start without the "
                        + "configuration and load it when ZooKeeper comes.";
        return new FailureAnalysis(description, action, cause);
    }

}
