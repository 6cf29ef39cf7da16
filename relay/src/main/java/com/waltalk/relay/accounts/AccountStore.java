package com.waltalk.relay.accounts;

import com.waltalk.protocol.UserNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code users} table. Names are looked up case-insensitively through the unique index on
 * {@code lower(name)}. Each call borrows one connection and runs in autocommit. Thread-safe.
 */
public final class AccountStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, name, password_hash, created_at";

    private final DataSource dataSource;
    private final Duration nameQuarantine;

    /** A store that lets a removed name be registered again at once (the operator's own {@code user add}). */
    public AccountStore(DataSource dataSource) {
        this(dataSource, Duration.ZERO);
    }

    /**
     * @param nameQuarantine how long after its removal a name cannot be registered again (the database's
     *                       {@code removed_names}, filled by a trigger on every removal)
     */
    public AccountStore(DataSource dataSource, Duration nameQuarantine) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.nameQuarantine = Objects.requireNonNull(nameQuarantine, "nameQuarantine");
    }

    /** The account whose name equals {@code name} ignoring case; empty also for invalid names. */
    public Optional<Account> find(String name) throws SQLException {
        if (!UserNames.isValid(name)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE lower(name) = lower(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Registers a user. Uniqueness is left to the index, so two concurrent registrations of one name
     * cannot both succeed. A name removed less than the quarantine ago is refused like a taken one, so
     * nobody can pose as the person old contacts knew by it (and nobody learns that it was removed).
     *
     * @throws UserExistsException      if the name is taken in any letter case, or quarantined
     * @throws IllegalArgumentException if the name breaks {@link UserNames#RULES}
     */
    public Account create(String name, String passwordHash) throws UserExistsException, SQLException {
        if (!UserNames.isValid(name)) {
            throw new IllegalArgumentException(UserNames.RULES);
        }
        Objects.requireNonNull(passwordHash, "passwordHash");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO users (name, password_hash) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM removed_names "
                             + "WHERE name_lower = lower(?) AND removed_at > now() - make_interval(secs => ?)) "
                             + "RETURNING " + COLUMNS)) {
            ps.setString(1, name);
            ps.setString(2, passwordHash);
            ps.setString(3, name);
            ps.setDouble(4, nameQuarantine.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UserExistsException(name);
                }
                return account(rs);
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new UserExistsException(name);
            }
            throw e;
        }
    }

    /** Deletes the user (its tokens go with it, by cascade); false if there was none. */
    public boolean remove(String name) throws SQLException {
        if (!UserNames.isValid(name)) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE lower(name) = lower(?)")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        }
    }

    /** All users, ordered by name ignoring case. */
    public List<Account> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY lower(name)");
             ResultSet rs = ps.executeQuery()) {
            List<Account> accounts = new ArrayList<>();
            while (rs.next()) {
                accounts.add(account(rs));
            }
            return accounts;
        }
    }

    static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("name"), rs.getString("password_hash"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
