package io.xaostech.lingua.memory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Moves the content generation on once a change to the memory or glossary has committed (at once without one). */
final class MemoryChanges {

    private MemoryChanges() {
    }

    static void afterCommit(ContentGeneration generation) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    generation.advance();
                }
            });
        } else {
            generation.advance();
        }
    }
}
