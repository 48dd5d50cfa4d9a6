package dev.zkasync.sample.embedded;

import java.nio.file.Path;

import dev.zkasync.test.ZooKeeperProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The development ZooKeeper the application starts when {@code zk.async.hosts} is not set: a real
 * Apache ZooKeeper 3.9 server in a JVM of its own (zk-async-test's {@link ZooKeeperProcess}), on a
 * free loopback port, with its data in a temporary directory that is deleted when the application
 * stops. It is a bean named {@value #BEAN_NAME}, so it can be stopped and started again to see how
 * the application behaves while ZooKeeper is down.
 */
public final class EmbeddedZooKeeper implements DisposableBean {

	/** The bean's name. */
	public static final String BEAN_NAME = "embeddedZooKeeper";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

	private final ZooKeeperProcess server;

	private EmbeddedZooKeeper(ZooKeeperProcess server) {
		this.server = server;
	}

	/**
	 * Starts a server and waits until it serves.
	 * @return the running server
	 */
	public static EmbeddedZooKeeper start() {
		return new EmbeddedZooKeeper(ZooKeeperProcess.start());
	}

	/**
	 * The address to connect to.
	 * @return {@code 127.0.0.1:<port>}, the same across {@link #stop()} and {@link #startAgain()}
	 */
	public String connectString() {
		return this.server.connectString();
	}

	/**
	 * The server's directory (its data, configuration and {@code server.log}).
	 * @return the directory
	 */
	public Path dataDir() {
		return this.server.dataDir();
	}

	/**
	 * The server's log file.
	 * @return the log file
	 */
	public Path logFile() {
		return this.server.logFile();
	}

	/**
	 * Whether the server runs.
	 * @return true while it runs
	 */
	public boolean isRunning() {
		return this.server.isRunning();
	}

	/** Stops the server, keeping its data, as an outage would. */
	public void stop() {
		this.server.stop();
	}

	/** Starts the server again after {@link #stop()}, on the same port with the same data. */
	public void startAgain() {
		this.server.startAgain();
	}

	/** Stops the server and deletes its directory (when the application context closes). */
	@Override
	public void destroy() {
		boolean wasRunning = this.server.isRunning();
		this.server.close();
		if (wasRunning) {
			log.info("Stopped the embedded ZooKeeper at {} and deleted its data", connectString());
		}
	}

	@Override
	public String toString() {
		return "EmbeddedZooKeeper[" + connectString() + ", " + dataDir() + "]";
	}

}
