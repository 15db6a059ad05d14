package io.xaostech.chat.message;

/** What a numbered room event is: a message, or an edit or deletion of one (which names it as its target). */
public enum MessageKind {
    MESSAGE,
    EDIT,
    DELETE
}
