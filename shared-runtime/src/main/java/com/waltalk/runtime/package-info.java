/**
 * What both the relay and the desktop app need of the JVM itself: {@link com.waltalk.runtime.Threads},
 * the one place threads are made. Uses only the JDK and SLF4J; knows nothing of the protocol,
 * sockets, JDBC or JavaFX, and nothing in WalTalk depends on it for more than that.
 */
package com.waltalk.runtime;
