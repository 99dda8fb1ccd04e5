// Every test process installs the module registry, as the server's entry points do.
import '@/modules';
