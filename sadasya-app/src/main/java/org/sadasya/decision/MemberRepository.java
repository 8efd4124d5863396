package org.sadasya.decision;

import java.util.Optional;

/** Port: the enrolled members, as far as the rules need them. */
public interface MemberRepository {

    Optional<MemberRef> findByEpic(String epic);

    Optional<MemberRef> findByMobile(String mobile);

    record MemberRef(long id, String memberCode) {}
}
