// The web app (Vue 3) is built from web/ into web/dist, which the hub serves; `npm run dev` proxies /api to the hub.
// Split for caching: OpenLayers and Vue in chunks of their own (they change with the lockfile, not with the app), the
// side panels loaded when first opened (App.vue).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  root: 'web',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'ol', test: /[\\/]node_modules[\\/](ol|rbush|quickselect|earcut|color-(space|parse|rgba|name))[\\/]/ },
            { name: 'vue', test: /[\\/]node_modules[\\/](vue|@vue|vue-i18n|@intlify)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': `http://localhost:${process.env.PORT ?? 8080}` } },
});
