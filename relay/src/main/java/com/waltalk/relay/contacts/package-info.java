/**
 * Contacts and consent: the SQL of the {@code contacts} table (sql/migrations V5), one row per direction
 * saying what its owner has done about its peer ({@link com.waltalk.relay.contacts.ContactState}).
 * {@link com.waltalk.relay.contacts.ContactStore} applies a user's {@code contact_action} in one
 * transaction and answers, inside the transactions of calls and chat, whether one user may reach another
 * ({@link com.waltalk.relay.contacts.Reach}). {@link com.waltalk.relay.contacts.ContactViews} is the one
 * rule that turns the two rows between two people into what each of them is shown.
 *
 * <p>Changes are not delivered here: a changed row reaches both users through the replication stream
 * ({@code state} mirrors the rows, {@code session} tells the clients).
 *
 * <p><b>May use</b> JDBC, shared-protocol (error codes, {@code ContactRelation}, {@code ContactAction}) and
 * {@code refusal}. It must not use {@code session}, {@code transport}, {@code fanout} or {@code state}.
 *
 * <p><b>Used by</b> {@code calls} and {@code chat} (reach checks in their transactions), {@code state}
 * (the mirror's views), {@code session} (actions) and the root package.
 *
 * <p>Thread-safety: {@code ContactStore} is thread-safe (each call borrows its own connection); the other
 * types are immutable or stateless.
 */
package com.waltalk.relay.contacts;
