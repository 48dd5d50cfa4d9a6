package dev.zkasync.sample.web;

import java.util.regex.Pattern;

/**
 * The names clients may use for config keys and jobs: each becomes one znode name, so it must be
 * a plain, short, portable path segment.
 */
public final class Names {

	/** What a valid name looks like. */
	public static final String RULE = "1 to 64 characters from A-Z a-z 0-9 . _ -, and not '.' or '..'";

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private Names() {
	}

	/**
	 * Checks a name from a request.
	 * @param kind what the name names, for the message ("key", "job name")
	 * @param name the name
	 * @return the name
	 * @throws InvalidNameException if it is not valid (HTTP 400)
	 */
	public static String require(String kind, String name) {
		if (name == null || !VALID.matcher(name).matches() || name.equals(".") || name.equals("..")) {
			throw new InvalidNameException(kind, name);
		}
		return name;
	}

	/**
	 * Whether a znode name found in ZooKeeper is a valid name (nodes written by other clients may
	 * not be).
	 * @param name the node name
	 * @return true if valid
	 */
	public static boolean isValid(String name) {
		return name != null && VALID.matcher(name).matches() && !name.equals(".") && !name.equals("..");
	}

}
