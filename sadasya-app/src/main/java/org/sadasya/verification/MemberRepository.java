package org.sadasya.verification;

import java.util.Optional;

/** Port: the enrolled members, as far as the rules need them. */
public interface MemberRepository {

    Optional<MemberRef> findByEpic(String epic);

    Optional<MemberRef> findByMobile(String mobile);

    record MemberRef(long id, String memberCode) {}
}
