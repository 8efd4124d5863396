package org.sadasya.config;

import org.sadasya.security.Role;
import org.sadasya.security.TokenService;
import org.sadasya.security.BearerTokenFilter;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Stateless bearer-token security. Role and hierarchy-scope checks live with the use cases (they
 * need the org unit); here only: who may call without a token, and problem+json for 401/403.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * The pages load nothing but their own files: no inline script, no third-party origin, images
     * from the app or from {@code blob:} (the captured frames shown before saving). The camera
     * stream is attached as {@code srcObject}, which media-src does not govern.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' blob:; media-src 'self' blob:; connect-src 'self'; worker-src 'self';"
            + " manifest-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    /** The policy, with a map's tile origin allowed for images when the console shows one. */
    public static String contentSecurityPolicy(org.sadasya.config.SadasyaProperties.MapTiles tiles) {
        if (tiles == null || !tiles.configured()) {
            return CONTENT_SECURITY_POLICY;
        }
        return CONTENT_SECURITY_POLICY.replace("img-src 'self' blob:;", "img-src 'self' blob: " + tiles.origin() + ";");
    }

    /** Only the app itself may use the camera and the location; nothing may use the microphone. */
    public static final String PERMISSIONS_POLICY = "camera=(self), geolocation=(self), microphone=(), payment=()";

    @Bean
    SecurityFilterChain api(HttpSecurity http, TokenService tokens, ObjectMapper json, MessageSource messages,
            @Value("${sadasya.public-metrics:true}") boolean publicMetrics,
            org.sadasya.config.SadasyaProperties props) throws Exception {
        // the metrics name no person, but in production they are for the operators only (application-prod.yml)
        String[] publicActuator = publicMetrics
                ? new String[] {"/actuator/health/**", "/actuator/info", "/actuator/prometheus"}
                : new String[] {"/actuator/health/**", "/actuator/info"};
        http.csrf(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(contentSecurityPolicy(props.mapTiles())))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")))
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/token").permitAll()
                        .requestMatchers(publicActuator).permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/app", "/app/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**").permitAll()
                        // a membership card's QR code opens this page on anyone's phone (card.VerifyPageController)
                        .requestMatchers(HttpMethod.GET, "/verify/**", "/card/**").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) ->
                                problem(res, json, messages, req.getLocale(), 401, "UNAUTHENTICATED"))
                        .accessDeniedHandler((req, res, ex) ->
                                problem(res, json, messages, req.getLocale(), 403, "FORBIDDEN")));
        return http.build();
    }

    private static void problem(HttpServletResponse res, ObjectMapper json, MessageSource messages,
            java.util.Locale locale, int status, String code) throws java.io.IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:sadasya:problem:" + code);
        body.put("title", messages.getMessage("problem." + code + ".title", null, code, locale));
        body.put("status", status);
        body.put("detail", messages.getMessage("problem." + code, null, code, locale));
        body.put("code", code);
        res.setStatus(status);
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        res.setCharacterEncoding("UTF-8");
        if (status == 401) {
            res.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(res.getOutputStream(), body);
    }
}
