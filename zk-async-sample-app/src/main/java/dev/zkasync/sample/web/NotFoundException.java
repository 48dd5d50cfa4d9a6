package dev.zkasync.sample.web;

/**
 * The thing a request names does not exist (HTTP 404).
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
