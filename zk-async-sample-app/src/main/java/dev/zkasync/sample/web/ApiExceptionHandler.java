package dev.zkasync.sample.web;

import dev.zkasync.client.KazooClient;
import dev.zkasync.client.exception.BadArgumentsException;
import dev.zkasync.client.exception.KazooException;
import dev.zkasync.client.exception.NoAuthException;
import dev.zkasync.client.exception.RequestTooLargeException;
import dev.zkasync.client.exception.ZooKeeperException;
import dev.zkasync.sample.jobs.JobBusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem ({@code application/problem+json}), never a stack
 * trace: 400 for an invalid key or job name, 404 for a missing key, 409 for a job another holder
 * runs, 413 for a value over ZooKeeper's limit, 503 (with {@code Retry-After}) while ZooKeeper is
 * unreachable, 502 when ZooKeeper refused an operation, 500 for anything else (logged). Spring
 * MVC's own errors (unknown path, wrong method, missing body...) get problem bodies too, through
 * {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final KazooClient client;

	public ApiExceptionHandler(KazooClient client) {
		this.client = client;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidName(InvalidNameException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid " + ex.getKind());
		return ResponseEntity.of(problem).build();
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Not found");
		return ResponseEntity.of(problem).build();
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> jobBusy(JobBusyException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Job already running");
		problem.setProperty("job", ex.getJob());
		problem.setProperty("holder", ex.getHolder());
		return ResponseEntity.of(problem).build();
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unavailable(ZooKeeperUnavailableException ex) {
		return unavailable(ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> zooKeeper(KazooException ex) {
		if (ZooKeeperCalls.isConnectionProblem(ex)) {
			return unavailable("ZooKeeper is unreachable (client " + this.client.state() + "): " + ex.getMessage());
		}
		if (ex instanceof RequestTooLargeException tooLarge) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					"the value is too large for ZooKeeper: the request would be " + tooLarge.size()
							+ " bytes, the limit is " + tooLarge.limit());
			problem.setTitle("Value too large");
			return ResponseEntity.of(problem).build();
		}
		if (ex instanceof BadArgumentsException) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
			problem.setTitle("Bad request");
			return ResponseEntity.of(problem).build();
		}
		HttpStatus status = (ex instanceof NoAuthException) ? HttpStatus.FORBIDDEN : HttpStatus.BAD_GATEWAY;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"ZooKeeper refused the operation: " + ex.getMessage());
		problem.setTitle("ZooKeeper error");
		if (ex instanceof ZooKeeperException zk) {
			problem.setProperty("zookeeperCode", zk.code().name());
		}
		return ResponseEntity.of(problem).build();
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		if (ex instanceof ErrorResponse error) {
			// Spring's own exceptions that ResponseEntityExceptionHandler does not list: they know their status.
			return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders()).body(error.getBody());
		}
		log.error("Request failed", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"the request failed unexpectedly; the service log has the details");
		problem.setTitle("Internal error");
		return ResponseEntity.of(problem).build();
	}

	private ResponseEntity<ProblemDetail> unavailable(String reason) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, reason);
		problem.setTitle("ZooKeeper unavailable");
		problem.setProperty("zookeeperState", this.client.state().name());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "2")
			.body(problem);
	}

}
