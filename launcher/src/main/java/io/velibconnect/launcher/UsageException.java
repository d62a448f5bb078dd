package io.velibconnect.launcher;

/** A mistake on the command line or in what it names: reported as one line and exit code 2, never a stack trace. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
