package dev.zkasync.sample.web;

/**
 * A key or job name in a request is not valid (HTTP 400).
 */
public class InvalidNameException extends RuntimeException {

	private final String kind;

	private final String name;

	public InvalidNameException(String kind, String name) {
		super("invalid " + kind + " '" + printable(name) + "': must be " + Names.RULE);
		this.kind = kind;
		this.name = name;
	}

	public String getKind() {
		return this.kind;
	}

	public String getName() {
		return this.name;
	}

	private static String printable(String name) {
		if (name == null) {
			return "";
		}
		String shown = (name.length() > 80) ? name.substring(0, 80) + "..." : name;
		StringBuilder out = new StringBuilder(shown.length());
		shown.codePoints().forEach((c) -> {
			if (Character.isISOControl(c)) {
				out.append(String.format("\\u%04x", c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return out.toString();
	}

}
