/** SASL (DIGEST-MD5, GSSAPI) settings for the session. */
package dev.zkasync.client.sasl;
