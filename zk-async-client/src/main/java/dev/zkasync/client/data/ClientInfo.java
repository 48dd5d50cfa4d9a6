package dev.zkasync.client.data;


/**
 * One identity the server associates with this session ({@link dev.zkasync.client.KazooClient#whoAmI()}).
 *
 * @param authScheme the scheme that authenticated it ({@code ip}, {@code digest}, {@code sasl}, ...)
 * @param user       the identity within that scheme
 */
public record ClientInfo(String authScheme, String user) {
}
