/** What an operator watches: health of the verifier's queue and of the face index, and the service's own metrics. */
package org.sadasya.ops;
