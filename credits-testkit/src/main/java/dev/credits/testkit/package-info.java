/** Test support for applications and adapters: a mutable clock, a scriptable gateway, an event recorder. */
package dev.credits.testkit;
