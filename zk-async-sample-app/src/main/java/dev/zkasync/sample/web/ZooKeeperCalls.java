package dev.zkasync.sample.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.zkasync.client.handler.AsyncResult;
import dev.zkasync.client.KazooClient;
import dev.zkasync.client.exception.ConnectionLossException;
import dev.zkasync.client.exception.KazooTimeoutException;
import dev.zkasync.client.exception.OperationTimeoutException;
import dev.zkasync.client.exception.RequestQueueFullException;
import dev.zkasync.client.exception.RequestTimeoutException;
import dev.zkasync.client.exception.SessionExpiredException;
import dev.zkasync.client.exception.SessionMovedException;
import dev.zkasync.client.exception.ThrottledOpException;
import dev.zkasync.sample.SampleProperties;

import org.springframework.stereotype.Component;

/**
 * How request handlers talk to ZooKeeper: through a view of the application's
 * {@link KazooClient} whose requests carry the short web deadline ({@code sample.request-timeout}),
 * and with every {@link AsyncResult} turned into a {@link CompletableFuture} bounded by the same
 * deadline. Recipes retry through connection loss by themselves; the bound makes an HTTP request
 * give up (and cancel the recipe's attempt) instead of waiting for ZooKeeper to come back.
 *
 * <p>Connection problems ({@code ConnectionLossException}, {@code RequestTimeoutException}, a lost
 * session, no answer in time) become a {@link ZooKeeperUnavailableException}, answered with 503.
 * Other failures, such as {@code NoNodeException}, pass through for the caller to handle.
 */
@Component
public class ZooKeeperCalls {

	private final KazooClient client;

	private final KazooClient requestClient;

	private final Duration timeout;

	public ZooKeeperCalls(KazooClient client, SampleProperties properties) {
		this.client = client;
		this.timeout = properties.getRequestTimeout();
		this.requestClient = client.withRequestTimeout(this.timeout);
	}

	/**
	 * The client to send a request's ZooKeeper operations with. It shares the application
	 * client's session; never stop it.
	 * @return the view of the client with the web deadline
	 */
	public KazooClient client() {
		return this.requestClient;
	}

	/**
	 * The web deadline.
	 * @return {@code sample.request-timeout}
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * A future for {@code result}, failed with a {@link ZooKeeperUnavailableException} if it does
	 * not complete within the deadline (the operation is then cancelled) or fails for want of a
	 * connection.
	 * @param <T> the value type
	 * @param what what the operation does, for the 503's reason ("writing key 'a'")
	 * @param result the operation
	 * @return a future completed on the client's handler thread; keep its continuations short
	 */
	public <T> CompletableFuture<T> call(String what, AsyncResult<T> result) {
		CompletableFuture<T> outcome = new CompletableFuture<>();
		result.rawlink((done) -> {
			if (done.successful()) {
				outcome.complete(done.value());
			}
			else {
				outcome.completeExceptionally(done.exception());
			}
		});
		outcome.orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		return outcome.handle((value, failure) -> {
			if (failure == null) {
				return value;
			}
			Throwable cause = unwrap(failure);
			if (cause instanceof TimeoutException) {
				result.cancel(true);
				throw new CompletionException(unavailable(what + " got no answer from ZooKeeper within "
						+ this.timeout.toMillis() + " ms"));
			}
			if (isConnectionProblem(cause)) {
				throw new CompletionException(unavailable(what + " failed: " + cause.getMessage()));
			}
			throw new CompletionException(cause);
		});
	}

	/**
	 * A 503 with a reason, and the client's state now.
	 * @param reason what failed
	 * @return the exception
	 */
	public ZooKeeperUnavailableException unavailable(String reason) {
		return new ZooKeeperUnavailableException(
				"ZooKeeper is unreachable (client " + this.client.state() + "): " + reason, this.client.state());
	}

	/**
	 * Whether a failure means ZooKeeper could not be reached (rather than refusing the request).
	 * @param failure the failure
	 * @return true for connection loss, timeouts, a lost session and a full request queue
	 */
	public static boolean isConnectionProblem(Throwable failure) {
		return failure instanceof ConnectionLossException || failure instanceof RequestTimeoutException
				|| failure instanceof OperationTimeoutException || failure instanceof SessionExpiredException
				|| failure instanceof SessionMovedException || failure instanceof RequestQueueFullException
				|| failure instanceof ThrottledOpException || failure instanceof KazooTimeoutException;
	}

	/**
	 * The failure inside {@link CompletionException} and {@link ExecutionException} wrappers.
	 * @param failure a failure from a future
	 * @return the original failure
	 */
	public static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
