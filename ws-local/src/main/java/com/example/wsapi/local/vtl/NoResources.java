package com.example.wsapi.local.vtl;

import org.apache.commons.lang3.StringUtils;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.runtime.resource.Resource;
import org.apache.velocity.runtime.resource.loader.ResourceLoader;
import org.apache.velocity.util.ExtProperties;

import java.io.Reader;

/** The engine's only resource loader, which finds nothing: mapping templates read no files, no macro library. */
public final class NoResources extends ResourceLoader {

    @Override
    public void init(ExtProperties configuration) {
        // Nothing to set up.
    }

    @Override
    public Reader getResourceReader(String source, String encoding) {
        throw new ResourceNotFoundException(
                "a mapping template cannot read '" + StringUtils.abbreviate(source, 80) + "'");
    }

    @Override
    public boolean resourceExists(String resourceName) {
        return false;
    }

    @Override
    public boolean isSourceModified(Resource resource) {
        return false;
    }

    @Override
    public long getLastModified(Resource resource) {
        return 0;
    }
}
