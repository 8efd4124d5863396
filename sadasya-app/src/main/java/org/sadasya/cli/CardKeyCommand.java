package org.sadasya.cli;

import java.util.concurrent.Callable;
import org.sadasya.card.CardSigningKey;
import picocli.CommandLine.Command;

/**
 * {@code sadasya card-key}: prints a new Ed25519 private JWK for {@code SADASYA_CARD_KEY} (a service
 * on PostgreSQL must be given one). The key goes to stdout only; keep it with the image key.
 */
@Command(name = "card-key", description = "Print a new Ed25519 private JWK for sadasya.card-key (SADASYA_CARD_KEY).")
final class CardKeyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println(CardSigningKey.generate().toJSONString());
        return 0;
    }
}
