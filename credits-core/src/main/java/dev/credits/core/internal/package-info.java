/** Implementation helpers shared by several packages. Not API. */
package dev.credits.core.internal;
