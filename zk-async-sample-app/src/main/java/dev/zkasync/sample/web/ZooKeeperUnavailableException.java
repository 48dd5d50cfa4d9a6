package dev.zkasync.sample.web;

import dev.zkasync.client.state.KazooState;

/**
 * ZooKeeper could not be reached in time for a request (HTTP 503).
 */
public class ZooKeeperUnavailableException extends RuntimeException {

	private final KazooState state;

	public ZooKeeperUnavailableException(String reason, KazooState state) {
		super(reason);
		this.state = state;
	}

	/**
	 * The client's connection state when the request gave up.
	 * @return the state
	 */
	public KazooState getState() {
		return this.state;
	}

}
