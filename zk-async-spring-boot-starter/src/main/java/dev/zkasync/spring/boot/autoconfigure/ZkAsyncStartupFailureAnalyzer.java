package dev.zkasync.spring.boot.autoconfigure;

import dev.zkasync.client.state.KeeperState;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link ZkAsyncStartupException}: which servers, and what to change.
 */
class ZkAsyncStartupFailureAnalyzer extends AbstractFailureAnalyzer<ZkAsyncStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ZkAsyncStartupException cause) {
        String action = (cause.getState() == KeeperState.AUTH_FAILED)
                ? "Check the credentials in zk.async.sasl.* and zk.async.auth against the ZooKeeper servers' "
                        + "configuration."
                : "Check that ZooKeeper runs at " + cause.getHosts() + " and that zk.async.hosts names it, raise "
                        + "zk.async.startup.timeout, or set zk.async.startup.fail-fast=false to start without a "
                        + "connection (the client keeps reconnecting and the zkAsync health indicator reports DOWN).";
        return new FailureAnalysis(cause.getMessage() + ".", action, cause);
    }

}
