package com.waltalk.relay.accounts;

/** A user with this name, in any letter case, is already registered. */
public final class UserExistsException extends Exception {

    public UserExistsException(String name) {
        super("user '" + name + "' already exists");
    }
}
